// The one default for the county's time zone. The server takes GRIDGUARD_TIME_ZONE (this when
// unset) and names it in GET /api/v1/public/meta; the clients use this only until that answer
// arrives. China has one zone, so the default is right for every county the app is built for.
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
