-- The dataset and agreement parts of policy inputs, stored once per distinct content under
-- their SHA-256 (ADR 0020). From this version on, policy_decision.input_json holds the input
-- with each of these objects replaced by {"$fact":"<digest>"}; rows written before keep the
-- whole input and are read as they are.
create table policy_fact (
    digest    varchar(64)    primary key,
    fact_json varchar(32000) not null
);
