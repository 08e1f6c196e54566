select * from "persons" where "region_id" in (select "regions"."id" from "regions" where "regions"."path" >= $1 and "regions"."path" < $2) order by "id" limit $3;

select * from "persons" where "region_id" in (select "regions"."id" from "regions" where "regions"."path" >= $1 and "regions"."path" < $2) and "category" = $3 and "key_person" = $4 and "name" like $5 and "id" > $6 order by "id" limit $7;
