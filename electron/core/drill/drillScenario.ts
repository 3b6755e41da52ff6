import { z } from 'zod';
import { GuardianError } from '../errors.js';

/**
 * What a drill rehearses: a Safe of `guardians` owners and `threshold`, and steps proposed one after another.
 * Each step is an honest action the team must get through fast (`expect: execute`) or a trap it must refuse
 * (`expect: refuse`). Scenarios ship with the console (builtInScenarios.ts); a team writes its own as JSON.
 */
export const DRILL_ACTIONS = [
  'pause',
  'unpause',
  'upgrade',
  'trap-ownership-batch',
  'trap-delegatecall',
  'trap-upgrade-dead-end',
  'raise-threshold',
] as const;
export type DrillAction = (typeof DRILL_ACTIONS)[number];

const stepSchema = z.object({
  label: z.string().min(1).max(200),
  action: z.enum(DRILL_ACTIONS),
  expect: z.enum(['execute', 'refuse']),
});

export const drillScenarioSchema = z
  .object({
    format: z.literal('guardian-drill-scenario'),
    version: z.literal(1),
    name: z.string().min(1).max(100),
    description: z.string().max(2000).default(''),
    /** An emergency is judged against the emergency targets: quorum in under two hours (SEAL's guidance). */
    emergency: z.boolean(),
    guardians: z.number().int().min(1).max(10),
    threshold: z.number().int().min(1),
    targets: z
      .object({
        quorumMinutes: z.number().positive().max(100_000).default(120),
        executionMinutes: z.number().positive().max(100_000).optional(),
      })
      .default({ quorumMinutes: 120 }),
    steps: z.array(stepSchema).min(1).max(20),
  })
  .refine((s) => s.threshold <= s.guardians, {
    message: 'threshold cannot exceed the number of guardians',
    path: ['threshold'],
  })
  .refine((s) => s.threshold < s.guardians || s.steps.every((step) => step.action !== 'raise-threshold'), {
    message: 'raise-threshold needs a threshold below the number of guardians',
    path: ['threshold'],
  });

export type DrillScenario = z.infer<typeof drillScenarioSchema>;
export type DrillStep = DrillScenario['steps'][number];

export function parseDrillScenario(json: unknown, name: string): DrillScenario {
  const parsed = drillScenarioSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GuardianError(
      'INVALID_FILE',
      `${name} is not a drill scenario: ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`,
    );
  }
  return parsed.data;
}
