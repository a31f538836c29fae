// The import worker's entry: the app runs TypeScript through tsx, and a worker thread does not inherit
// the loader the main thread was started with, so it registers tsx itself before loading the .ts module.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
