// Four line icons for the home tiles, inline (emoji depend on the phone's fonts; an icon
// library would cost more than the page).
const paths = {
  tip: 'M5 21V4h12l-2 4 2 4H5',
  track: 'M10.5 17a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13zM15.5 15.5 20 20',
  arrive: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2',
  notices: 'M4 10v4h3l6 4V6L7 10H4zM17 9a4 4 0 0 1 0 6M19.5 6.5a8 8 0 0 1 0 11',
} as const;

export function TileIcon({ name }: { name: keyof typeof paths }) {
  return (
    <svg className="tile-icon" viewBox="0 0 24 24" width="30" height="30" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}
