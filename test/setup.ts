import nock from 'nock';

// No test may reach the internet; loopback stays open for the sandbox simulators.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
