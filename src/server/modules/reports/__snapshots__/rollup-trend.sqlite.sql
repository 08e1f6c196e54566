select "region_id", "day", "metric", "value" from "region_day_counters" where "region_id" in (?) and "day" >= ? and "day" <= ?;
