// `npm run pact:record-deployment [-- --pacticipant <name> --version <v> --environment <env>]`: tells the broker,
// with the real `pact` CLI, that this version now runs in that environment (after a successful deployment).
import './no-track.ts';
import { isEntryPoint, runAsProcess } from '../../src/cli/io.ts';
import { deploymentQueryFrom, recordDeployment } from '../broker/workflow.ts';
import { BROKER_VARIABLES_HELP, brokerMain, DEPLOYMENT_OPTIONS, deploymentFlags } from './broker-command.ts';

export const main = brokerMain('pact:record-deployment', {
  usage: 'npm run pact:record-deployment --',
  summary: 'Records in the Pact Broker that a version now runs in an environment.',
  options: DEPLOYMENT_OPTIONS,
  epilogue: `${BROKER_VARIABLES_HELP}\n  PACT_APPLICATION_INSTANCE  the instance, when several run in one environment`,
}, (env, values, run) => recordDeployment(deploymentQueryFrom(env, deploymentFlags(values)), { env, ...run }));

if (isEntryPoint(import.meta.url)) await runAsProcess('pact:record-deployment', main);
