// Where thread-starting calls keep the arguments they pass to the function
// they start: an `args` tuple (`Thread(target=f, args=(a,))`), or the
// positional arguments after the callable (`pool.submit(f, a)`). Keys are
// qualified names, or `.method` for executor and pool methods.

export interface ArgumentSlot {
  /** Position of the `args` tuple (also accepted as the `args=` keyword). */
  tuple?: number;
  /** Position from which the remaining positional arguments are passed on. */
  rest?: number;
}

export const threadArgumentSlots: Readonly<Record<string, ArgumentSlot>> = {
  "threading.Thread": { tuple: 3 },
  "threading.Timer": { tuple: 2 },
  "_thread.start_new_thread": { tuple: 1 },
  "_thread.start_new": { tuple: 1 },
  "asyncio.to_thread": { rest: 1 },
  ".submit": { rest: 1 },
  ".apply": { tuple: 1 },
  ".apply_async": { tuple: 1 },
  ".run_in_executor": { rest: 2 },
};
