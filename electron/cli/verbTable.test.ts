import { describe, expect, it } from 'vitest';
import { DRILL_ACTIONS, drillScenarioSchema } from '../core/drill/drillScenario.js';
import { runCli } from './runCli.js';
import { COMMON_FLAGS, DRILL_SCENARIO_FIELDS, DRILL_STEP_ACTIONS } from './verbTable.js';

async function helpOf(verb: string): Promise<string> {
  let stdout = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } };
  expect(await runCli([verb, '--help'], streams, {})).toBe(0);
  return stdout;
}

describe('guardian drill --help', () => {
  it('describes every action a scenario step may take, and only those the schema accepts', async () => {
    expect(DRILL_STEP_ACTIONS.map(([action]) => action).sort()).toEqual([...DRILL_ACTIONS].sort());
    const help = await helpOf('drill');
    for (const [action, what] of DRILL_STEP_ACTIONS)
      expect(help).toMatch(new RegExp(`^  ${action} +${what.replace(/[()]/g, '\\$&')}$`, 'm'));
  });

  it('names every field of a scenario file and of its steps, as the schema has them', async () => {
    expect(DRILL_SCENARIO_FIELDS.map(([field]) => field)).toEqual(Object.keys(drillScenarioSchema.shape));
    const steps = DRILL_SCENARIO_FIELDS.find(([field]) => field === 'steps')![1];
    const step = drillScenarioSchema.shape.steps.element;
    for (const field of Object.keys(step.shape)) expect(steps).toContain(`"${field}"`);
    for (const expected of step.shape.expect.options) expect(steps).toContain(`"${expected}"`);
    const help = await helpOf('drill');
    for (const [field] of DRILL_SCENARIO_FIELDS) expect(help).toMatch(new RegExp(`^  ${field} `, 'm'));
  });

  it('leaves the help of a verb without a file format as it was: flags last', async () => {
    expect((await helpOf('hashes')).trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^  ${COMMON_FLAGS.at(-1)![0]} `));
  });
});
