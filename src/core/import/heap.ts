/**
 * Keeps a long import's memory flat. V8 sizes the heap for a server: on a big import it lets dead
 * objects pile up long before a full collection (measured: on a 1,000,000-row roster the main
 * thread's heap grew to 260 MB, nearly all of it garbage, and the process to 420 MB). A heap limit
 * can only be set when node starts, so instead, past a threshold, the import asks for a full
 * collection (about 10-50 ms each; a few dozen times per million rows).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Used heap beyond which a full collection is asked for, at the least. */
export const HEAP_CEILING = 80 * 1024 * 1024;

let collect: (() => void) | null | undefined;
/** Half as much again as what was alive after the last collection: a heap that is mostly alive
 * (caches) is not collected over and over for little. */
let next = 0;

/** Collects garbage when the used heap is over `ceiling` bytes (or over half as much again as what
 * the last collection left, if more). Cheap to call once per batch. */
export function keepHeapUnder(ceiling = HEAP_CEILING): void {
  if (v8.getHeapStatistics().used_heap_size < Math.max(ceiling, next)) return;
  if (collect === undefined) {
    try {
      // node exposes gc() only to contexts created after this flag is set.
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  if (!collect) return;
  collect();
  next = v8.getHeapStatistics().used_heap_size * 1.5;
}
