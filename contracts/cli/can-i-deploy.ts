// `npm run pact:can-i-deploy [-- --pacticipant <name> --version <v> --environment <env>]`: asks the broker,
// with the real `pact` CLI, whether that version may go to that environment. Exit 0: yes; non-zero: no.
import './no-track.ts';
import { isEntryPoint, runAsProcess } from '../../src/cli/io.ts';
import { canIDeploy, deploymentQueryFrom } from '../broker/workflow.ts';
import { BROKER_VARIABLES_HELP, brokerMain, DEPLOYMENT_OPTIONS, deploymentFlags } from './broker-command.ts';

export const main = brokerMain('pact:can-i-deploy', {
  usage: 'npm run pact:can-i-deploy --',
  summary: 'Asks the Pact Broker whether a version may be deployed to an environment. Exit 0: yes.',
  options: DEPLOYMENT_OPTIONS,
  epilogue: `${BROKER_VARIABLES_HELP}\n  PACT_RETRY_WHILE_UNKNOWN, PACT_RETRY_INTERVAL  poll while results are missing`,
}, (env, values, run) => canIDeploy(deploymentQueryFrom(env, deploymentFlags(values)), { env, ...run }));

if (isEntryPoint(import.meta.url)) await runAsProcess('pact:can-i-deploy', main);
