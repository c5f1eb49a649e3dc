import { unzipSync } from 'fflate';

/**
 * The total size a zip archive's entries unzip to, as its central directory declares it, without inflating a byte;
 * `undefined` when the archive cannot be read (the caller's zip reader then reports why).
 *
 * @remarks
 * The declared total is a hard bound on what unpacking writes: `readZip` (`@step/lambda/build`) inflates each entry
 * into a buffer one byte longer than its declared size and refuses an entry that is longer. So a zip bomb (a few
 * hundred KB of deflated zeros declaring gigabytes) is refused here in microseconds, before any inflating, instead of
 * being inflated to the cap and then refused.
 * @internal
 */
export function declaredUnzippedSize(zip: Uint8Array): number | undefined {
  let total = 0;
  try {
    unzipSync(zip, {
      filter: (file) => {
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return total;
}
