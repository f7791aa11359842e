// The miss (the opposite of the other files here). Expected: FLAGGED by accumulating-spread
// (warning or error): `this.items = [...this.items, x]` in a method that is called once per event
// copies the whole array every call: O(n²) over the object's lifetime, although no loop is visible.
// Signal: the accumulator is a property of `this` (or of a long-lived object) re-assigned from a
// spread/concat of itself inside a method; the "loop" is the caller calling the method repeatedly.
// No such site was found in the six corpora (grep for `X = [...X,` / `X = X.concat(`), so it is a
// fixture, not a label.

export class EventLog<E> {
  items: E[] = [];
  state: Record<string, number> = {};

  onEvent(e: E) {
    this.items = [...this.items, e];
  }

  count(key: string) {
    this.state = { ...this.state, [key]: (this.state[key] ?? 0) + 1 };
  }
}
