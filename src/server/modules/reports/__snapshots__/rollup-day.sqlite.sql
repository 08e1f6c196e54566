select "id", "name", "level", "code", "path" from "regions" where "parent_id" = ? and "active" = ? order by "code", "id";

select "path" from "regions" where "path" >= ? and "path" < ? and "level" = ? and "active" = ?;

select "region_id", "day", "metric", "value" from "region_day_counters" where "region_id" in (?) and "day" >= ? and "day" <= ?;
