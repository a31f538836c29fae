// The entry of a worker thread (the import's, the export's): the app runs TypeScript through tsx, and a
// worker thread does not inherit the loader the main thread was started with, so it registers tsx
// itself before loading the .ts module named in workerData.entry.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
