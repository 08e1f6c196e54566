select * from "persons" where "region_id" in (select "regions"."id" from "regions" where "regions"."path" >= ? and "regions"."path" < ?) order by "id" limit ?;

select * from "persons" where "region_id" in (select "regions"."id" from "regions" where "regions"."path" >= ? and "regions"."path" < ?) and "category" = ? and "key_person" = ? and "name" like ? and "id" > ? order by "id" limit ?;
