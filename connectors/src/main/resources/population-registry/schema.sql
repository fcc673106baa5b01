-- Demo population registry: the Central Registration Office's own schema, not the hub's.
create table if not exists house (
    house_id       varchar(11)  primary key,
    house_no       varchar(20)  not null,
    moo            integer,
    street         varchar(200),
    subdistrict_th varchar(100) not null,
    district_th    varchar(100) not null,
    province_th    varchar(100) not null,
    province_en    varchar(100) not null,
    postcode       varchar(5)   not null,
    head_citizen_id varchar(13)
);

create table if not exists citizen (
    citizen_id    varchar(13)  primary key,
    title_th      varchar(20)  not null,
    first_name_th varchar(100) not null,
    last_name_th  varchar(100) not null,
    first_name_en varchar(100) not null,
    last_name_en  varchar(100) not null,
    birth_date    date         not null,
    gender        varchar(1)   not null,
    nationality   varchar(40)  not null,
    status        varchar(10)  not null,
    face_image_ref varchar(200),
    house_id      varchar(11)  references house (house_id)
);

create table if not exists house_move (
    citizen_id    varchar(13) not null references citizen (citizen_id),
    moved_on      date        not null,
    direction     varchar(3)  not null,
    house_id      varchar(11) not null references house (house_id)
);
