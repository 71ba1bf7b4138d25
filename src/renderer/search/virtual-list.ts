/** A list that renders only the rows in view, so 20,000 rows cost what 20 do. Rows have one fixed height. */
export class VirtualList<T> {
  #items: readonly T[] = [];
  #selected = 0;
  readonly #spacer: HTMLElement;
  readonly #overscan = 6;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly rowHeight: number,
    private readonly renderRow: (item: T, index: number, selected: boolean) => HTMLElement,
  ) {
    this.#spacer = document.createElement('div');
    this.#spacer.className = 'virtual-spacer';
    viewport.append(this.#spacer);
    viewport.addEventListener('scroll', () => this.#render());
  }

  get selectedIndex(): number {
    return this.#selected;
  }

  get selected(): T | undefined {
    return this.#items[this.#selected];
  }

  /** Replaces the items and selects the first. */
  setItems(items: readonly T[]): void {
    this.#items = items;
    this.#selected = 0;
    this.#spacer.style.height = `${items.length * this.rowHeight}px`;
    this.viewport.scrollTop = 0;
    this.#render();
  }

  /** Selects an item, scrolling it into view. */
  select(index: number): void {
    if (this.#items.length === 0) return;
    this.#selected = Math.max(0, Math.min(this.#items.length - 1, index));
    const top = this.#selected * this.rowHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + this.rowHeight > this.viewport.scrollTop + this.viewport.clientHeight)
      this.viewport.scrollTop = top + this.rowHeight - this.viewport.clientHeight;
    this.#render();
  }

  /** Redraws the rows in view (after a countdown tick, or a change to one row). */
  refresh(): void {
    this.#render();
  }

  #render(): void {
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / this.rowHeight) - this.#overscan);
    const count = Math.ceil((this.viewport.clientHeight || 600) / this.rowHeight) + 2 * this.#overscan;
    const rows: HTMLElement[] = [];
    for (let index = first; index < Math.min(this.#items.length, first + count); index++) {
      const row = this.renderRow(this.#items[index]!, index, index === this.#selected);
      row.style.transform = `translateY(${index * this.rowHeight}px)`;
      rows.push(row);
    }
    this.#spacer.replaceChildren(...rows);
  }
}
