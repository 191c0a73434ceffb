/**
 * The generators probe (`npm run bench -- --generators`): the same servers on plaintext under each
 * closed-loop HTTP generator, to show which side is the bottleneck. Its own file kind, checked
 * against this schema before it is written, like a run.
 */
import { z } from 'zod';
import { SCHEMA_VERSION } from './schema.js';

/** The servers the probe loads: the fastest baseline and two frameworks. */
export const PROBE_APPS = ['node-http-app', 'express-app', 'fastify-app'] as const;

/** Rounds × seconds: 4 × 5 s per generator and app, ≈ 2 min 10 s in all (≤ 3 min with start-ups). */
export const PROBE = { rounds: 4, seconds: 5, connections: 100 } as const;

const num = z.number().nullable();

/** One load run of one app under one generator in one round; CPU shares over its middle (1 = one core). */
export const probeSampleSchema = z.object({
  round: z.number().int().positive(),
  generator: z.string(),
  app: z.string(),
  rate: z.number(),
  serverCpu: num,
  generatorCpu: num,
  problems: z.array(z.string()),
});

export const generatorsRunSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('generators'),
  env: z.object({
    date: z.string(),
    cpu: z.string(),
    cores: z.number().int().positive(),
    pinning: z.string(),
    serverNode: z.string(),
    gitCommit: z.string().nullable(),
  }),
  settings: z.object({
    apps: z.array(z.string()),
    generators: z.array(z.string()),
    rounds: z.number().int().positive(),
    seconds: z.number().positive(),
    connections: z.number().int().positive(),
  }),
  samples: z.array(probeSampleSchema),
});

export type ProbeSample = z.infer<typeof probeSampleSchema>;
export type GeneratorsRun = z.infer<typeof generatorsRunSchema>;
