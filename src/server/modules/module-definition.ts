// What a module is, said in one place. Each module under modules/<name>/ exports one
// definition from <name>.module.ts: its routes, the resolvers of the records it owns, the daily
// report figures it counts, its counters' recounts, its scheduled jobs, what it does when a
// region moves, and its county settings. app.ts lists the modules by name and buildApp
// assembles what they provide for each app instance: nothing registers itself by being
// imported, and no module keeps state that two apps in one process would share.
import type { FastifyPluginAsync } from 'fastify';
import type { ReportFigure } from '../../shared/reports.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { EntityKind } from '../platform/access.ts';
import type { EventBus } from '../platform/events.ts';
import type { ScheduledJob } from '../platform/jobs.ts';
import type { PersonRecordSection } from '../platform/person-records.ts';
import type { PersonMoveHook, RegionMoveHook } from '../platform/region-moves.ts';
import type { EntityScope, EntityScopes } from '../platform/scope.ts';
import type { PrefillFigure, ReportFigureProviders } from './reports/prefill.ts';
import type { CountySettingsStore, SettingDefinitions } from './reports/settings.service.ts';
import type { CounterFamily, CounterRecount } from './stats/recounts.ts';

/** What every module's routes and jobs are given: the app's config and services, and what the modules provide, assembled. */
export type ModuleContext = {
  config: Config;
  database: Database;
  events: EventBus;
  /** The county settings of this app instance (cached for 30 s, dropped after a change). */
  settings: CountySettingsStore;
  /** How each figure of the daily report is pre-filled. */
  figures: ReportFigureProviders;
  /** Every module's counter recounts, each once. */
  recounts: readonly CounterRecount[];
  /** Every module's region-move hook, in the order of the modules. */
  regionMoved: RegionMoveHook;
  /** Every module's person-move hook (a hand-over accepted), in the order of the modules. */
  personMoved: PersonMoveHook;
  /** Every kind of record the modules own: its scope resolver and, where given, its names. */
  entities: EntityScopes;
  /** Every module's sections of what it holds about a person (an access request), in the modules' order. */
  personRecords: readonly PersonRecordSection[];
};

export interface ModuleDefinition {
  readonly name: string;
  /** Fastify plugins, registered in this order; each gets the ModuleContext as its options. */
  readonly routes?: readonly FastifyPluginAsync<ModuleContext>[];
  /** How to find the region of each kind of record the module owns (declared in EntityKinds). */
  readonly entities?: Partial<Record<EntityKind, EntityScope>>;
  /** The daily report's figures counted from the module's records. */
  readonly figures?: Partial<Record<ReportFigure, PrefillFigure>>;
  /** The counter families the module keeps, each with the recount that repairs it. */
  readonly counters?: Partial<Record<CounterFamily, CounterRecount>>;
  readonly jobs?: (ctx: ModuleContext) => readonly ScheduledJob[];
  /** Run inside the transaction of a region's move, after the subtree's paths were rewritten. */
  readonly onRegionMoved?: RegionMoveHook;
  /** Run inside the transaction of a person's move to another region, after the person's row was rewritten. */
  readonly onPersonMoved?: PersonMoveHook;
  /** The county settings the module reads, with their stored keys and defaults. */
  readonly settings?: Partial<SettingDefinitions>;
  /** What the module holds about a person, as sections of an access request (查阅复制). */
  readonly personRecords?: readonly PersonRecordSection[];
}

type Part = 'entities' | 'figures' | 'counters' | 'settings';
type PartOf<M, P extends Part> = M extends { readonly [K in P]: infer V } ? V : unknown;
type IntersectAll<T extends readonly unknown[]> = T extends readonly [infer Head, ...infer Rest] ? Head & IntersectAll<Rest> : unknown;

/**
 * One part of every module's definition merged into one object, typed as the intersection of
 * what each module declared: `providedBy(MODULES, 'figures') satisfies Record<ReportFigure, …>`
 * then fails to compile while some figure has no provider. Two modules providing the same
 * kind is refused when the app is built.
 */
export type Provided<Ms extends readonly ModuleDefinition[], P extends Part> = IntersectAll<{ [I in keyof Ms]: PartOf<Ms[I], P> }>;

export function providedBy<const Ms extends readonly ModuleDefinition[], P extends Part>(modules: Ms, part: P): Provided<Ms, P> {
  const merged: Record<string, unknown> = {};
  const owners = new Map<string, string>();
  for (const module of modules) {
    for (const [kind, provider] of Object.entries(module[part] ?? {})) {
      const first = owners.get(kind);
      if (first) throw new Error(`${part}: "${kind}" is provided by both the ${first} and the ${module.name} module`);
      owners.set(kind, module.name);
      merged[kind] = provider;
    }
  }
  // The types of the parts are only known per module: the merge is checked by the caller's `satisfies`.
  return merged as Provided<Ms, P>;
}

/** Every module's region-move hook as one, run in the modules' order. */
export function regionMovedOf(modules: readonly ModuleDefinition[]): RegionMoveHook {
  const hooks = modules.flatMap((m) => (m.onRegionMoved ? [m.onRegionMoved] : []));
  return async (tx, move) => {
    for (const hook of hooks) await hook(tx, move);
  };
}

/** Every module's person-move hook as one, run in the modules' order. */
export function personMovedOf(modules: readonly ModuleDefinition[]): PersonMoveHook {
  const hooks = modules.flatMap((m) => (m.onPersonMoved ? [m.onPersonMoved] : []));
  return async (tx, move) => {
    for (const hook of hooks) await hook(tx, move);
  };
}
