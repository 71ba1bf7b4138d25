/** Something Keyless did about one of its files that the person should hear once (a cache set aside, an entry it left alone), as one sentence. */
export interface FileNotice {
  /** The file concerned (absolute path). */
  file: string;
  sentence: string;
}
