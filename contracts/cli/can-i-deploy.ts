// `npm run pact:can-i-deploy [-- --pacticipant <name> --version <v> --environment <env>]`: asks the broker,
// with the real `pact` CLI, whether that version may go to that environment. Exit 0: yes; non-zero: no.
import './no-track.ts';
import { canIDeploy, deploymentQueryFrom } from '../broker/workflow.ts';
import { runBrokerCommand } from './broker-command.ts';

runBrokerCommand('pact:can-i-deploy', async () => canIDeploy(deploymentQueryFrom(process.env, process.argv.slice(2)), { echo: true }));
