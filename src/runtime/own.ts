/**
 * The text as a string of its own. V8 makes a substring of 13 or more characters
 * a view into its parent, so a name kept by the model would keep its whole
 * decoded line alive (megabytes over a large file, and more for the collector to
 * copy). Concatenating and slicing again makes a flat copy.
 */
export function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
