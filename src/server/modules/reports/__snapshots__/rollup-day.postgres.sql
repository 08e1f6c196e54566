select "id", "name", "level", "code", "path" from "regions" where "parent_id" = $1 and "active" = $2 order by "code", "id";

select "path" from "regions" where "path" >= $1 and "path" < $2 and "level" = $3 and "active" = $4;

select "region_id", "day", "metric", "value" from "region_day_counters" where "region_id" in ($1) and "day" >= $2 and "day" <= $3;
