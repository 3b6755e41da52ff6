import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import { IMPLEMENTATION_ARG } from '../decode/upgradeFunctions.js';
import { finding, type Finding } from './finding.js';
import type { ImplementationFacts } from './simulationFindings.js';
import { walkActions } from './staticFindings.js';

/**
 * Upgrades judged by their target whether or not they run: a well-built proxy reverts on a codeless or
 * non-UUPS implementation, so the simulation alone would only say "reverts" where the truth is worse.
 */
export async function upgradeTargetFindings(
  decoded: DecodedTransaction,
  facts: ImplementationFacts,
): Promise<Finding[]> {
  const targets: Array<{ path: string; sentence: string; implementation: string; proxy: string | null }> = [];
  walkActions(decoded.actions, (a) => {
    const index = a.signature ? IMPLEMENTATION_ARG[a.signature] : undefined;
    const implementation = index === undefined ? '' : String(a.args[index]?.value ?? '');
    // upgradeTo(implementation) is called on the proxy itself; upgrade(proxy, implementation) on its ProxyAdmin.
    if (implementation)
      targets.push({ path: a.path, sentence: a.sentence, implementation, proxy: index === 0 ? a.to : null });
  });
  const judged = await Promise.all(
    targets.map(async ({ path, sentence, implementation, proxy }) => {
      const evidence = { path, implementation };
      // Asked together: one round trip to the chain instead of four.
      const [hasCode, answersUuid, canUpgrade, proxyUpgradesItself] = await Promise.all([
        facts.hasCode(implementation),
        facts.isUupsUpgradeable(implementation),
        facts.hasUpgradeFunction(implementation),
        proxy === null ? true : facts.hasUpgradeFunction(proxy),
      ]);
      // UUPS only where the proxy's own code cannot upgrade: a transparent proxy or Optimism's bedrock Proxy
      // answers upgradeTo itself, so its next implementation needs neither proxiableUUID nor an upgrade function.
      const uups = !proxyUpgradesItself;
      if (!hasCode)
        return [
          finding('IMPLEMENTATION_WITHOUT_CODE', `${sentence}, but ${implementation} holds no contract.`, evidence),
        ];
      if (uups && !answersUuid) {
        return [
          finding(
            'IMPLEMENTATION_NOT_UPGRADEABLE',
            `${sentence}, but ${implementation} does not answer proxiableUUID(): the proxy could never be upgraded again.`,
            evidence,
          ),
        ];
      }
      if (uups && !canUpgrade) {
        return [
          finding(
            'IMPLEMENTATION_NOT_UPGRADEABLE',
            `${sentence}, but ${implementation} has no upgradeToAndCall or upgradeTo: the proxy would be frozen on it.`,
            evidence,
          ),
        ];
      }
      return [];
    }),
  );
  return judged.flat();
}
