select "region_id", "day", "metric", "value" from "region_day_counters" where "region_id" in ($1) and "day" >= $2 and "day" <= $3;
