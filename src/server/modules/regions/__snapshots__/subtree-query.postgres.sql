select * from "regions" where "path" >= $1 and "path" < $2 and "active" = $3 order by "path" limit $4
