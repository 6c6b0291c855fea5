// `npm run pact:record-deployment [-- --pacticipant <name> --version <v> --environment <env>]`: tells the broker,
// with the real `pact` CLI, that this version now runs in that environment (after a successful deployment).
import './no-track.ts';
import { deploymentQueryFrom, recordDeployment } from '../broker/workflow.ts';
import { runBrokerCommand } from './broker-command.ts';

runBrokerCommand('pact:record-deployment', async () => recordDeployment(deploymentQueryFrom(process.env, process.argv.slice(2)), { echo: true }));
