// The task page's code, loaded once: by its route, and ahead of time by the task list, so that a
// worker who loses the signal between the list and a task (or whose in-app browser has no
// service worker to serve the page offline) can still open it.
export const loadTaskPage = () => import('./Task.tsx');
