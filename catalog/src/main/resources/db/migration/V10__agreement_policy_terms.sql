-- Policy terms of an agreement beyond its field list: the fields each purpose needs
-- (field minimisation) and a daily lookup quota (0 = none).
alter table agreement add column purpose_fields varchar(8000) default '{}' not null;
alter table agreement add column daily_quota integer default 0 not null;
