// Preloaded (node -r) into Pulumi's own language host (@pulumi/pulumi/cmd/run) so the program
// runs exactly as `pulumi preview` runs it (ts-node, PULUMI_CONFIG, the SDK's error handling),
// with the resource monitor mocked. STREAMLENS_MOCK_STACK names the stack.
require('tsx/cjs');
const { installMocks } = require('./pulumi-mocks.ts');
void installMocks(process.env.STREAMLENS_MOCK_STACK || 'dev');
