/**
 * A dataset that cannot be trained on, for a reason the person can fix (too few or too short
 * clips, a folder that no longer reads). The session reports it with the 'dataset' code and
 * the sentence as it stands, instead of as an unexpected failure.
 */
export class DatasetError extends Error {}

/** Runs a dataset loader, turning what it throws into a DatasetError that names the folder. */
export function loadingDataset<T>(dir: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(`The dataset in '${dir}' cannot be loaded: ${(error as Error).message}. Import its folder again.`);
  }
}
