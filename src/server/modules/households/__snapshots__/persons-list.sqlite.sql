select "p".* from "persons" as "p" where "p"."region_id" in (select "regions"."id" from "regions" where "regions"."path" >= ? and "regions"."path" < ?) order by "p"."region_id", "p"."id" limit ?;

select "p".* from "search_terms" as "t" inner join "persons" as "p" on "p"."id" = "t"."record_id" where "t"."kind" = ? and "t"."term" = lower(?) and "t"."region_id" in (select "regions"."id" from "regions" where "regions"."path" >= ? and "regions"."path" < ?) and "p"."category" = ? and "p"."key_person" = ? and "t"."region_id" = ? and "t"."record_id" > ? order by "t"."region_id", "t"."record_id" limit ?;

select "p".* from "search_terms" as "t" inner join "persons" as "p" on "p"."id" = "t"."record_id" where "t"."kind" = ? and "t"."term" = lower(?) and "t"."region_id" in (select "regions"."id" from "regions" where "regions"."path" >= ? and "regions"."path" < ? and "regions"."id" > ?) and "p"."category" = ? and "p"."key_person" = ? order by "t"."region_id", "t"."record_id" limit ?;
