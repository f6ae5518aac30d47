-- Run once by the postgres image, on an empty data directory (/docker-entrypoint-initdb.d).
-- One role for all five services, one database per service; each service owns its database and
-- creates its own schema there with Flyway at start-up (quarkus.flyway.migrate-at-start=true).
-- The same script is inlined in k8s/dependencies/postgres.yaml (ConfigMap postgres-init); keep them equal.
CREATE ROLE agentfoundry WITH LOGIN PASSWORD 'agentfoundry';

CREATE DATABASE registry OWNER agentfoundry;
CREATE DATABASE generator OWNER agentfoundry;
CREATE DATABASE builder OWNER agentfoundry;
CREATE DATABASE deployer OWNER agentfoundry;
CREATE DATABASE tester OWNER agentfoundry;
