-- The route table of the distributed profile (adapters-outbound/jdbc route/PostgresRouteTable):
-- which gateway node holds which device, under node leases. A lease has an id; a renewal after the
-- lease ran out starts a new id, so routes made under the old one never come back to life.
CREATE SEQUENCE route_lease_ids;

CREATE TABLE route_leases (
    node_id     VARCHAR(128)             NOT NULL PRIMARY KEY,
    lease_id    BIGINT                   NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE device_routes (
    user_id   UUID         NOT NULL,
    device_id VARCHAR(64)  NOT NULL,
    node_id   VARCHAR(128) NOT NULL,
    -- the lease the route was made under; -1: its node had none
    lease_id  BIGINT       NOT NULL,
    CONSTRAINT device_routes_pk PRIMARY KEY (user_id, device_id)
);
-- forgetting a node, dropping the routes of a lapsed lease
CREATE INDEX device_routes_node ON device_routes (node_id);

-- The Kafka gateway channel's inboxes (adapters-outbound/kafka channel/): one partition of the
-- deliveries topic per live gateway node, held under a lease the channel renews.
CREATE TABLE gateway_inboxes (
    slot        INTEGER                  NOT NULL PRIMARY KEY,
    node_id     VARCHAR(128)             NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX gateway_inboxes_node ON gateway_inboxes (node_id);
