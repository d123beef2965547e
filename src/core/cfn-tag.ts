/** A tag as the L1s of `STANDARD`-tagged resource types take it in their `tags` prop. */
export interface CfnTag {
  /** The tag's key. */
  readonly key: string;
  /** The tag's value. */
  readonly value: string;
}
