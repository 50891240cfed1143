import type { MotionPlayer } from './motion-player';
import type { TileView } from './preview-view';
import { likenessText, LIKENESS_TITLE, wobbleText, wobbleTitle } from './score-text';
import { SkeletonCanvas } from './SkeletonCanvas';

interface Props {
  tiles: TileView[];
  parents: readonly number[];
  fps: number;
  /** The big view's clock: every tile shows the same moment (a shorter clip holds its last pose). */
  player: MotionPlayer;
  onSelect?(clip: string): void;
}

/**
 * The same validation clips at every step, generated beside ground truth, each with the
 * trainer's numbers for that clip: a model that only learned one clip shows it here.
 */
export function PreviewGrid({ tiles, parents, fps, player, onSelect }: Props) {
  return (
    <div className="preview-grid" data-testid="preview-grid" role="list" aria-label="Validation clips">
      {tiles.map((tile) => (
        <div
          key={tile.clip}
          role="listitem"
          className="preview-tile"
          data-testid="preview-tile"
          data-clip={tile.clip}
          aria-current={tile.selected}
          tabIndex={0}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect?.(tile.clip)}
          title={`${tile.clip}: click to watch it in the big view with its sound`}
          onClick={() => onSelect?.(tile.clip)}
        >
          <SkeletonCanvas figures={tile.figures} reference={tile.reference} parents={parents} frames={tile.frames} fps={fps} player={player} clipKey={`${tile.clip}|${tile.frames}`} interactive={false} testId="preview-tile-canvas" />
          <div className="preview-tile-name">{tile.clip}</div>
          <div className="preview-tile-scores" data-testid="preview-tile-scores">
            <span data-testid="preview-tile-likeness" title={LIKENESS_TITLE}>
              {likenessText(tile.scores)}
            </span>
            <span data-testid="preview-tile-wobble" title={wobbleTitle(tile.scores)}>
              {wobbleText(tile.scores)}
            </span>
          </div>
        </div>
      ))}
    </div>
  );
}
