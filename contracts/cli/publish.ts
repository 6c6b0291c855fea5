// `npm run pact:publish`: publishes contracts/pacts/ with the real `pact` CLI. The consumer version is
// PACT_CONSUMER_VERSION, else the git commit; the branch PACT_CONSUMER_BRANCH, else the git branch.
import './no-track.ts';
import { publishPacts } from '../broker/workflow.ts';
import { runBrokerCommand } from './broker-command.ts';

runBrokerCommand('pact:publish', () => publishPacts({ echo: true }));
