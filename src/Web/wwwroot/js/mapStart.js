// Starts the map of a prerendered map page before the Blazor circuit is up (diabanMap.js, block "Started before the
// circuit"): the server put the tile template, style and year in the element's data-start-* attributes; this only
// hands them over. Loaded as a module by Components/Pages/MapPage.razor's prerendered markup.
import { startMap } from './diabanMap.js';

for (const element of document.querySelectorAll('.status-map[data-start-tiles]')) startMap(element);
