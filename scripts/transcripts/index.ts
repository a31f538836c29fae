import { coordinatorStory, strangerStory, workStories, yearStory, type Transcript } from "./scenes.ts";

/** Every transcript, in a fixed order. */
export async function generateTranscripts(): Promise<Transcript[]> {
  return [...(await coordinatorStory()), ...(await workStories()), ...(await strangerStory()), ...(await yearStory())];
}
