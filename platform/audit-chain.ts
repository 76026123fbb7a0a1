// The checks every audit chain shares, over rows already read: numbers without gaps, each row
// linked to the one before, each MAC the one its fields give under the key, and a head recorded
// outside the database (the anchor) still there. Pure: the callers read the rows and compute MACs.

/** The prev of a chain's first row. */
export const GENESIS = '0'.repeat(64);

/** A head recorded outside the database: the chain must still reach it, with this MAC there. */
export interface ChainAnchor {
  seq: bigint;
  mac: string;
  /** The first row written with a key: no unkeyed row may stand at or after it. */
  firstKeyedSeq?: bigint;
  /** When the anchor was written, for the messages. */
  writtenAt?: string;
}

export interface ChainLink {
  seq: bigint;
  prev: string;
  /** The MAC (or, for a legacy row, the plain hash) as stored. */
  mac: string;
  /** null: a legacy row written before the key, checked by its plain hash only. */
  keyId: string | null;
  /** What the row's fields give (a MAC under its key, or the plain hash); undefined: unknown key. */
  expected: string | undefined;
}

export interface ChainProblem {
  seq: string;
  problem: string;
}

export interface ChainSummary {
  rows: number;
  /** Rows without a MAC: they prove nothing against someone who holds the database. */
  legacyRows: number;
  problems: ChainProblem[];
  head?: { seq: bigint; mac: string };
}

const missing = (from: bigint, to: bigint) =>
  from === to ? `row ${from} is missing` : `rows ${from} to ${to} are missing`;

export class ChainCheck {
  readonly problems: ChainProblem[] = [];
  rows = 0;
  legacyRows = 0;
  private last = { seq: 0n, mac: GENESIS };
  private keyedSeen = false;

  constructor(private readonly anchor?: ChainAnchor) {}

  add(link: ChainLink): void {
    const problem = (text: string) =>
      this.problems.push({ seq: link.seq.toString(), problem: text });
    const { last } = this;
    if (link.seq !== last.seq + 1n) {
      const after = last.seq === 0n ? 'the start of the chain' : `seq ${last.seq}`;
      problem(
        `${missing(last.seq + 1n, link.seq - 1n)} (deleted): seq ${link.seq} follows ${after}`,
      );
    } else if (link.prev !== last.mac) {
      problem(
        last.seq === 0n
          ? `its prev ${link.prev} is not the genesis value (64 zeros): the row was rewritten`
          : `its prev ${link.prev} is not the MAC of seq ${last.seq} (${last.mac}): seq ${last.seq} was rewritten, or this row's prev was edited`,
      );
    }
    this.checkOwnMac(link, problem);
    this.checkAnchor(link, problem);
    this.last = { seq: link.seq, mac: link.mac };
    this.rows += 1;
  }

  private checkOwnMac(link: ChainLink, problem: (text: string) => void) {
    if (link.keyId === null) {
      this.legacyRows += 1;
      const firstKeyed = this.anchor?.firstKeyedSeq;
      if (this.keyedSeen || (firstKeyed !== undefined && link.seq >= firstKeyed)) {
        problem(
          'it carries no MAC, yet rows before it (or the anchor) show the chain was keyed by then: a keyed row was rewritten as a legacy one',
        );
      }
    } else {
      this.keyedSeen = true;
    }
    if (link.expected === undefined) {
      problem(
        `it is MACed with key ${link.keyId}, which this check does not hold: set AUDIT_MAC_KEY, or list the retired key in AUDIT_MAC_RETIRED_KEYS`,
      );
    } else if (link.mac !== link.expected) {
      const what = link.keyId === null ? 'plain hash' : `MAC (key ${link.keyId})`;
      problem(`its ${what} ${link.mac} does not match its fields: the row was rewritten`);
    }
  }

  private checkAnchor(link: ChainLink, problem: (text: string) => void) {
    if (this.anchor && link.seq === this.anchor.seq && link.mac !== this.anchor.mac) {
      problem(
        `its MAC ${link.mac} is not the anchored head's ${this.anchor.mac}: the chain was rewritten up to here`,
      );
    }
  }

  /** The problems once every row was read: an anchored head the chain no longer reaches. */
  finish(): ChainSummary {
    const { anchor, last } = this;
    if (anchor && anchor.seq > last.seq) {
      const at = anchor.writtenAt ? ` (anchor written ${anchor.writtenAt})` : '';
      this.problems.push({
        seq: anchor.seq.toString(),
        problem:
          last.seq === 0n
            ? `the chain is empty, but the anchor recorded ${anchor.seq} rows${at}: it was truncated or deleted`
            : `the chain ends at seq ${last.seq}, but the anchor recorded a head at seq ${anchor.seq}${at}: rows were cut off the end`,
      });
    }
    return {
      rows: this.rows,
      legacyRows: this.legacyRows,
      problems: this.problems,
      ...(this.rows > 0 ? { head: { seq: last.seq, mac: last.mac } } : {}),
    };
  }
}
