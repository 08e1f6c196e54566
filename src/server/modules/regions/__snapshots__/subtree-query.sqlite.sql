select * from "regions" where "path" >= ? and "path" < ? and "active" = ? order by "path" limit ?
