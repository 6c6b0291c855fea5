// `npm run pact:publish`: publishes contracts/pacts/ with the real `pact` CLI. The consumer version is
// PACT_CONSUMER_VERSION, else the git commit; the branch PACT_CONSUMER_BRANCH, else the git branch.
import './no-track.ts';
import { isEntryPoint, runAsProcess } from '../../src/cli/io.ts';
import { publishPacts } from '../broker/workflow.ts';
import { BROKER_VARIABLES_HELP, brokerMain } from './broker-command.ts';

export const main = brokerMain('pact:publish', {
  usage: 'npm run pact:publish --',
  summary: 'Publishes contracts/pacts/*.json to the Pact Broker with the real pact CLI.',
  options: {},
  epilogue: `${BROKER_VARIABLES_HELP}\n  PACT_CONSUMER_VERSION, PACT_CONSUMER_BRANCH  default: the git commit and branch\n  PACT_BUILD_URL  a link to the CI run`,
}, (env, _values, run) => publishPacts({ env, ...run }));

if (isEntryPoint(import.meta.url)) await runAsProcess('pact:publish', main);
