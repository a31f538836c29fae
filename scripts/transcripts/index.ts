import { coordinatorStory, regionStory, strangerStory, workStories, yearStory, type Transcript } from "./scenes.ts";

/** Every transcript, in a fixed order. */
export async function generateTranscripts(): Promise<Transcript[]> {
  return [...(await coordinatorStory()), ...(await workStories()), ...(await regionStory()), ...(await strangerStory()), ...(await yearStory())];
}
