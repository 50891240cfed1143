/**
 * The three.js side of the preview: skeletons as line segments (bones) and small spheres
 * (joints) on a ground grid, seen through an orbit camera. Lives outside React: the canvas
 * component creates it once and calls `show` and `drawFrame`; nothing here re-renders React.
 */
import {
  Color,
  Float32BufferAttribute,
  BufferGeometry,
  GridHelper,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  Matrix4,
  MeshBasicMaterial,
  PerspectiveCamera,
  Scene,
  SphereGeometry,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { readPreviewColors, type PreviewColors, type Tone } from './preview-colors';
import { bonePairs, motionBounds, writeBoneSegments } from './skeleton-geometry';

export interface Figure {
  /** frames × joints × 3, body heights, y up. */
  positions: Float32Array;
  /** Which motion it is: its colour is that tone's design token. */
  tone: Tone;
  /** Shift along x, so figures stand side by side (0 for an overlay). */
  offsetX: number;
}

interface Built {
  figure: Figure;
  bones: LineSegments;
  joints: InstancedMesh;
  segments: Float32Array;
}

const JOINT_RADIUS = 0.014;

export class SkeletonScene {
  readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(35, 1, 0.01, 100);
  private readonly controls: OrbitControls;
  private readonly grid: GridHelper;
  private readonly sphere = new SphereGeometry(JOINT_RADIUS, 10, 8);
  private built: Built[] = [];
  private pairs: Int32Array = new Int32Array(0);
  private joints = 0;
  private frames = 0;
  private drawnFrame = -1;
  private dirty = true;
  private readonly matrix = new Matrix4();
  /** tokens.css's --preview-* as computed for the host, read once: WebGL materials cannot take var(). */
  private readonly colors: PreviewColors;

  /** What the camera was last framed on, so a reset frames it the same way. */
  private framing: { reference: Float32Array; spread: number } | null = null;

  /** `interactive`: the person can orbit, pan and zoom (the big view); a grid tile stays framed. */
  constructor(
    private readonly host: HTMLElement,
    private readonly interactive = true,
  ) {
    this.colors = readPreviewColors(getComputedStyle(host));
    // preserveDrawingBuffer: the picture can be read back (tests, a future "save frame").
    // A grid tile is small and redrawn with every preview: no antialiasing or kept buffer there.
    this.renderer = new WebGLRenderer({ antialias: interactive, preserveDrawingBuffer: interactive });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.setClearColor(new Color(this.colors.background));
    host.appendChild(this.renderer.domElement);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = false;
    this.controls.enabled = interactive;
    this.controls.addEventListener('change', () => (this.dirty = true));
    this.grid = new GridHelper(4, 16, this.colors.gridAxis, this.colors.grid);
    this.scene.add(this.grid);
    this.resize();
  }

  /** Bones drawn per frame, over all figures: what the e2e test reads to know skeletons are there. */
  get boneCount(): number {
    return this.built.length * (this.pairs.length / 2);
  }

  /**
   * Replaces the figures; the camera is framed again only when `reframe` (a new clip, not a new
   * step), on `reference` (the ground truth: an untrained model's motion can be anywhere).
   */
  show(figures: Figure[], parents: readonly number[], frames: number, reference: Float32Array, reframe: boolean): void {
    // A new step of the same skeleton (the common case, every few steps): keep the GPU objects, swap the numbers.
    if (this.sameShape(figures, parents)) {
      figures.forEach((figure, i) => ((this.built[i] as Built).figure = figure));
      this.frames = frames;
      this.framing = { reference, spread: figures.reduce((m, f) => Math.max(m, Math.abs(f.offsetX)), 0) };
      if (reframe) this.resetCamera();
      this.drawnFrame = -1;
      return;
    }
    this.clearFigures();
    this.pairs = bonePairs(parents);
    this.joints = parents.length;
    this.frames = frames;
    for (const figure of figures) {
      const segments = new Float32Array(this.pairs.length * 3);
      const geometry = new BufferGeometry();
      geometry.setAttribute('position', new Float32BufferAttribute(segments, 3));
      const color = this.colors[figure.tone];
      const bones = new LineSegments(geometry, new LineBasicMaterial({ color }));
      bones.frustumCulled = false;
      const joints = new InstancedMesh(this.sphere, new MeshBasicMaterial({ color }), this.joints);
      joints.frustumCulled = false;
      this.scene.add(bones, joints);
      this.built.push({ figure, bones, joints, segments });
    }
    this.framing = { reference, spread: figures.reduce((m, f) => Math.max(m, Math.abs(f.offsetX)), 0) };
    if (reframe) this.resetCamera();
    this.drawnFrame = -1;
  }

  /** Puts the camera back where showing the clip put it (double-click, or the reset button). */
  resetCamera(): void {
    if (this.framing) this.frame(this.framing.reference, this.framing.spread);
  }

  /** Camera position and target, rounded: what the e2e test reads to see the view move and come back. */
  cameraKey(): string {
    const round = (v: number) => v.toFixed(3);
    const { position } = this.camera;
    const { target } = this.controls;
    return [position.x, position.y, position.z, target.x, target.y, target.z].map(round).join(',');
  }

  /** Draws `frame` if it (or the camera) changed since the last draw. */
  drawFrame(frame: number): boolean {
    const f = Math.max(0, Math.min(this.frames - 1, frame));
    if (f === this.drawnFrame && !this.dirty) return false;
    for (const b of this.built) {
      writeBoneSegments(b.figure.positions, f, this.joints, this.pairs, b.figure.offsetX, b.segments);
      const attribute = b.bones.geometry.getAttribute('position') as Float32BufferAttribute;
      attribute.copyArray(b.segments);
      attribute.needsUpdate = true;
      const base = f * this.joints * 3;
      for (let j = 0; j < this.joints; j++) {
        const p = b.figure.positions;
        this.matrix.makeTranslation((p[base + j * 3] as number) + b.figure.offsetX, p[base + j * 3 + 1] as number, p[base + j * 3 + 2] as number);
        b.joints.setMatrixAt(j, this.matrix);
      }
      b.joints.instanceMatrix.needsUpdate = true;
    }
    this.renderer.render(this.scene, this.camera);
    this.drawnFrame = f;
    this.dirty = false;
    return true;
  }

  resize(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    // A tile nobody moves stays framed at any size (the enlarged grid is taller than the panel's).
    if (!this.interactive) this.resetCamera();
    this.dirty = true;
  }

  dispose(): void {
    this.clearFigures();
    this.sphere.dispose();
    this.controls.dispose();
    this.renderer.dispose();
    // A grid mounts several views; a closed one gives its WebGL context back at once (browsers cap them at ~16).
    this.renderer.forceContextLoss();
    this.renderer.domElement.remove();
  }

  /** Looks at the figures from a little above and to the side, far enough back that both fit with room. */
  private frame(reference: Float32Array, spread: number): void {
    const bounds = motionBounds([reference]);
    const [cx, cy, cz] = bounds.centre;
    const tan = Math.tan((this.camera.fov * Math.PI) / 360);
    const halfHeight = (bounds.height / 2) * 1.2;
    const halfWidth = (spread + bounds.width / 2) * 1.1;
    // From the front plane of the figures, not their middle: arms reaching forward still fit.
    const distance = Math.max(halfHeight / tan, halfWidth / (tan * this.camera.aspect)) + bounds.width / 4;
    this.grid.position.set(cx, bounds.floor, cz);
    this.controls.target.set(cx, cy, cz);
    this.camera.position.set(cx + distance * 0.12, cy + bounds.height * 0.2, cz + distance);
    this.controls.update();
    this.dirty = true;
  }

  private sameShape(figures: Figure[], parents: readonly number[]): boolean {
    if (figures.length !== this.built.length || parents.length !== this.joints) return false;
    const pairs = bonePairs(parents);
    if (pairs.length !== this.pairs.length || pairs.some((p, i) => p !== this.pairs[i])) return false;
    return figures.every((f, i) => f.tone === (this.built[i] as Built).figure.tone);
  }

  private clearFigures(): void {
    for (const b of this.built) {
      this.scene.remove(b.bones, b.joints);
      b.bones.geometry.dispose();
      (b.bones.material as LineBasicMaterial).dispose();
      (b.joints.material as MeshBasicMaterial).dispose();
      b.joints.dispose();
    }
    this.built = [];
  }
}
