import { describeMigrationsFrom } from './describe-migrations-from.js';

describeMigrationsFrom('eenvoudigfactureren');
