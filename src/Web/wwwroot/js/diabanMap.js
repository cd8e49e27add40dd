// The one Leaflet module of DiaBan. Blazor (Components/Map/StatusMap.razor) drives it through IJSObjectReference:
//   const map = createMap(element, options, dotNetRef); map.setUnits(geojsonText, styleByCode); map.setSelection(code); map.dispose();
//   map.setStatusTiles(url, styleOptions, key) draws the status layer from vector tiles (/tiles) on canvas instead (the country).
//   map.setOverlay(geojsonText, styleByCode, key) draws a styled, non-interactive layer above the units (e.g. a density grid).
//   map.setSpots(geojsonText, style, key) draws drug spots.
//   options.syncGroup: maps created with the same group name follow each other's pan and zoom (side-by-side years).
//   map.setEntryPoint(lat, lon, draggable) / map.setEntryPicking(on): the one picked-point marker (incident entry, spots).
//   startMap(element) (js/mapStart.js): the national map starts from the data attributes of the prerendered page, before
//   the Blazor circuit is up; createMap on an element with the same id later adopts it (block "Started before the circuit").
// It draws; it decides nothing: colours, labels and marks come from the server in styleByCode.
import * as L from '../lib/leaflet/leaflet-src.esm.js';

// Start-up marks (window.performance): the national map test prints the time of each step from sign-in to the first
// drawn tile. They measure; they change nothing.
const mark = (name) => { try { performance.mark(`diaban-map:${name}`); } catch { /* no Performance API: nothing to measure */ } };
mark('module');

const HATCH_ID = 'diaban-hatch';
const LEAFLET_CSS = new URL('../lib/leaflet/leaflet.css', import.meta.url).href;

// Leaflet's stylesheet travels with the module, so a page only has to import the module to get a working map.
function ensureLeafletCss() {
    if (document.querySelector(`link[href="${LEAFLET_CSS}"]`)) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = LEAFLET_CSS;
    document.head.appendChild(link);
}

// One SVG pattern for "provisional criteria", shared by every map on the page (url(#id) resolves document-wide).
function ensureHatchPattern() {
    if (document.getElementById(HATCH_ID)) return;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '0');
    svg.setAttribute('height', '0');
    svg.setAttribute('aria-hidden', 'true');
    svg.style.position = 'absolute';
    // built as nodes like everything else this module puts in the page (no markup strings)
    const element = (name, attributes) => {
        const e = document.createElementNS(ns, name);
        for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
        return e;
    };
    const pattern = element('pattern', { id: HATCH_ID, patternUnits: 'userSpaceOnUse', width: '7', height: '7', patternTransform: 'rotate(45)' });
    pattern.appendChild(element('line', { x1: '0', y1: '0', x2: '0', y2: '7', stroke: '#222', 'stroke-width': '1.4', 'stroke-opacity': '0.45' }));
    const defs = element('defs', {});
    defs.appendChild(pattern);
    svg.appendChild(defs);
    document.body.appendChild(svg);
}

// Leaflet puts a string tooltip in as HTML; names come from imported files, so they go in as text (never markup).
function textElement(text) {
    const span = document.createElement('span');
    span.textContent = text == null ? '' : String(text);
    return span;
}

// Maps per sync group. A map that moves sets the others' view without animation; the flag stops the echo.
const syncGroups = new Map();

function joinSyncGroup(name, map) {
    if (!name) return () => {};
    const members = syncGroups.get(name) ?? new Set();
    syncGroups.set(name, members);
    const member = { map, following: false };
    members.add(member);
    const follow = () => {
        if (member.following) return;
        for (const other of members) {
            if (other === member) continue;
            other.following = true;
            other.map.setView(map.getCenter(), map.getZoom(), { animate: false });
            other.following = false;
        }
    };
    map.on('move zoomend', follow);
    return () => {
        map.off('move zoomend', follow);
        members.delete(member);
        if (members.size === 0) syncGroups.delete(name);
    };
}

/**
 * @param {HTMLElement} element  the map container
 * @param {{tileUrl?: string, tileAttribution?: string, syncGroup?: string}} options  no tileUrl = no basemap: the polygons are the map
 * @param {{invokeMethodAsync: (name: string, ...args: any[]) => Promise<any>}} dotNetRef  receives OnUnitClickedFromMap(code)
 */
export function createMap(element, options, dotNetRef) {
    const early = element.id ? started.get(element.id) : undefined;
    if (early) {
        started.delete(element.id);
        early.stop();
        // a map started for another page (the user left before the circuit was up) is not this one
        if (early.path === location.pathname) {
            early.adopt(element, dotNetRef);
            return early.handle;
        }
        early.handle.dispose();
    }
    return makeMap(element, element, options, dotNetRef).handle;
}

// target: the element the page gave (data attributes go there); container: Leaflet's container, the target itself or,
// for a map started before the circuit, a surface inside it that can move to the element the component renders later
function makeMap(target, container, options, dotNetRef) {
    mark('create');
    ensureLeafletCss();
    ensureHatchPattern();
    const host = { current: target };
    // what the functions below call "element": always the current target (a started map changes target once)
    const element = new Proxy({}, {
        get: (_, name) => host.current[name],
        set: (_, name, value) => { host.current[name] = value; return true; },
        deleteProperty: (_, name) => delete host.current[name],
    });
    const dotNet = { ref: dotNetRef };
    const notify = (name, ...args) => dotNet.ref?.invokeMethodAsync(name, ...args);
    const map = L.map(container, { zoomSnap: 0.25, attributionControl: Boolean(options?.tileUrl) });
    if (options?.tileUrl) {
        L.tileLayer(options.tileUrl, { maxZoom: 18, attribution: options.tileAttribution ?? '' }).addTo(map);
    }
    const leaveSyncGroup = joinSyncGroup(options?.syncGroup, map);
    let units = null;
    let hatch = null;
    let overlay = null;
    let styles = {};
    let selectedCode = null;
    let fitted = false;
    const places = createPlaceLayers(map, element); // incidents, businesses, routes (block "Point and line layers" below)
    element.dataset.featureCount = '0';
    const statusTiles = createStatusTiles(map, element, (code) => notify('OnUnitClickedFromMap', code));
    // the view as data attributes, so a test (or a person in devtools) can see two synchronised maps agree
    map.on('moveend', () => {
        const c = map.getCenter();
        element.dataset.view = `${map.getZoom()}@${c.lat.toFixed(5)},${c.lng.toFixed(5)}`;
    });

    const baseStyle = (code) => {
        const s = styles[code] ?? {};
        const selected = code === selectedCode;
        return {
            fillColor: s.fill ?? '#bdbdbd',
            fillOpacity: 0.92,
            color: selected ? '#000000' : '#3a3a3a',
            weight: selected ? 3.5 : s.official ? 2.2 : 0.8,
            opacity: 1,
        };
    };

    function clear() {
        units?.remove();
        hatch?.remove();
        units = hatch = null;
    }

    /**
     * @param {string} geojsonText  an RFC 7946 FeatureCollection whose features carry properties.code
     * @param {Record<string, {fill: string, hatch: boolean, official: boolean, label: string}>} styleByCode
     * @param {string} [key]  what is drawn (e.g. the year), written to data-units-key once drawn
     */
    function setUnits(geojsonText, styleByCode, key) {
        const data = JSON.parse(geojsonText);
        styles = styleByCode ?? {};
        clear();
        statusTiles.clear();
        units = L.geoJSON(data, {
            style: (f) => baseStyle(f.properties.code),
            onEachFeature: (f, layer) => {
                const code = f.properties.code;
                layer.bindTooltip(() => textElement(styles[code]?.label ?? f.properties.name), { sticky: true, direction: 'top' });
                layer.on('add', () => {
                    const el = layer.getElement();
                    if (el) el.dataset.code = code;
                });
                layer.on('click', () => notify('OnUnitClickedFromMap', code));
                layer.on('mouseover', () => layer.setStyle({ weight: 2.6 }));
                layer.on('mouseout', () => layer.setStyle(baseStyle(code)));
            },
        }).addTo(map);
        hatch = L.geoJSON(
            { type: 'FeatureCollection', features: data.features.filter((f) => styles[f.properties.code]?.hatch) },
            { style: { fillColor: `url(#${HATCH_ID})`, fillOpacity: 1, stroke: false }, interactive: false },
        ).addTo(map);
        element.dataset.featureCount = String(data.features.length);
        element.dataset.hatchCount = String(hatch.getLayers().length);
        element.dataset.unitsKey = key ?? '';
        // fit once, and again only when the new units do not fit the view (e.g. other communes after the merger)
        const bounds = units.getBounds();
        if (bounds.isValid() && (!fitted || !map.getBounds().contains(bounds))) {
            map.fitBounds(bounds, { padding: [12, 12] });
            fitted = true;
        }
        units.eachLayer((l) => { if (l.feature.properties.code === selectedCode) l.bringToFront(); });
    }

    /** Outlines one unit (null clears) and brings it to the front so its outline is not hidden by neighbours. */
    function setSelection(code) {
        selectedCode = code ?? null;
        if (statusTiles.isShown()) statusTiles.select(selectedCode);
        units?.eachLayer((l) => {
            l.setStyle(baseStyle(l.feature.properties.code));
            if (l.feature.properties.code === selectedCode) l.bringToFront();
        });
    }

    /** Re-fits the view to the drawn units (e.g. after the boundaries changed with the 2025 merger). */
    function fitToUnits() {
        const bounds = units?.getBounds();
        if (bounds?.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
    }

    /**
     * A generic styled layer above the units (e.g. density grid cells): not clickable, so the units stay selectable.
     * @param {string|null} geojsonText  features with properties.code; null removes the layer
     * @param {Record<string, {fill: string, opacity?: number}>} styleByCode
     * @param {string} [key]  what is drawn, written to data-overlay-key once drawn
     */
    function setOverlay(geojsonText, styleByCode, key) {
        overlay?.remove();
        overlay = null;
        const data = geojsonText ? JSON.parse(geojsonText) : { features: [] };
        if (geojsonText) {
            overlay = L.geoJSON(data, {
                style: (f) => {
                    const s = styleByCode?.[f.properties.code] ?? {};
                    return { fillColor: s.fill ?? '#bd0026', fillOpacity: s.opacity ?? 0.6, stroke: false };
                },
                interactive: false,
            }).addTo(map);
        }
        element.dataset.overlayCount = String(data.features.length);
        element.dataset.overlayKey = key ?? '';
    }

    // ── Picked point: incident entry (Components/Entry/EntryMap.razor) and spots (Map/StatusMap.razor Picking) ──
    // One marker: placed by clicking the map while picking is on, dragged to adjust; every move is reported to
    // dotNetRef.OnEntryPointPicked(lat, lon). The server checks the point (in the user's communes); this only places it.
    let entryMarker = null;
    let entryPicking = false;
    let entryDraggable = false;
    const entryIcon = L.divIcon({ className: 'entry-marker', iconSize: [18, 18], iconAnchor: [9, 9] });

    function reportEntryPoint() {
        const p = entryMarker.getLatLng();
        element.dataset.entryPoint = `${p.lat.toFixed(7)},${p.lng.toFixed(7)}`;
        notify('OnEntryPointPicked', p.lat, p.lng);
    }

    function placeEntryMarker(lat, lon) {
        if (!entryMarker) {
            entryMarker = L.marker([lat, lon], { icon: entryIcon, draggable: entryDraggable, keyboard: false }).addTo(map);
            entryMarker.on('dragend', reportEntryPoint);
        } else {
            entryMarker.setLatLng([lat, lon]);
        }
        element.dataset.entryPoint = `${lat.toFixed(7)},${lon.toFixed(7)}`;
    }

    map.on('click', (e) => {
        if (!entryPicking) return;
        placeEntryMarker(e.latlng.lat, e.latlng.lng);
        reportEntryPoint();
    });

    /** Shows the entry point (null removes it); draggable lets the user move it (reported like a click). */
    function setEntryPoint(lat, lon, draggable) {
        entryDraggable = Boolean(draggable);
        if (lat == null || lon == null) {
            entryMarker?.remove();
            entryMarker = null;
            delete element.dataset.entryPoint;
            return;
        }
        placeEntryMarker(lat, lon);
        if (entryDraggable) entryMarker.dragging?.enable(); else entryMarker.dragging?.disable();
    }

    /** While on, a click anywhere on the map (communes included) places the entry marker, and the marker can be dragged. */
    function setEntryPicking(on) {
        entryPicking = Boolean(on);
        entryDraggable = entryPicking;
        if (entryDraggable) entryMarker?.dragging?.enable(); else entryMarker?.dragging?.disable();
        element.classList.toggle('picking', entryPicking);
    }
    // ── end of incident entry point ────────────────────────────────────────────────────────────────────────────
    // ---- drug spots layer (điểm, tụ điểm) -------------------------------------------
    // setSpots draws the spots as circle markers coloured by state (colours and words come from the server in
    // style); the popup is placePopup's (DOM text nodes: codes, units and names are data, never markup).
    let spots = null;

    /**
     * @param {string|null} geojsonText  points with properties code, kind, state, lastStepOn, recordingUnit, communeName; null removes
     * @param {{states: Record<string, {fill: string, label: string}>, kinds: Record<string, string>, labels: Record<string, string>}} style
     * @param {string} [key]  what is drawn, written to data-spots-key once drawn
     */
    function setSpots(geojsonText, style, key) {
        spots?.remove();
        spots = null;
        const data = geojsonText ? JSON.parse(geojsonText) : { features: [] };
        const states = style?.states ?? {};
        const l = style?.labels ?? {};
        if (geojsonText) {
            spots = L.geoJSON(data, {
                pointToLayer: (f, latlng) => L.circleMarker(latlng, {
                    radius: f.properties.kind === 'hotspot' ? 8 : 6, color: '#222', weight: 1.2,
                    fillColor: states[f.properties.state]?.fill ?? '#555', fillOpacity: 0.95,
                }),
                onEachFeature: (f, layer) => {
                    const p = f.properties;
                    const box = placePopup(`${word(style?.kinds, p.kind)} ${p.code}`, [
                        [l.state, states[p.state]?.label ?? p.state],
                        [l.lastStep, p.lastStepOn],
                        [l.recordingUnit, p.recordingUnit],
                        [l.commune, p.communeName],
                    ]);
                    box.classList.add('spot-popup');
                    layer.bindPopup(box);
                    layer.on('add', () => {
                        const el = layer.getElement();
                        if (el) { el.dataset.spot = p.code; el.dataset.state = p.state; }
                    });
                },
            }).addTo(map);
        }
        element.dataset.spotCount = String(data.features.length);
        element.dataset.spotsKey = key ?? '';
    }

    // ---- end of drug spots block --------------------------------------------------------------------------------

    /** The status layer from vector tiles instead of GeoJSON (a large area); see createStatusTiles.show. */
    async function setStatusTiles(url, styleOptions, key) {
        if (statusTiles.isShown() && element.dataset.tiles === url && element.dataset.unitsKey === (key ?? '')) return;
        clear();
        element.dataset.featureCount = '0';
        await statusTiles.show(url, styleOptions, key);
        statusTiles.select(selectedCode);
    }

    function dispose() {
        leaveSyncGroup();
        statusTiles.clear();
        clear();
        places.clear();
        spots?.remove();
        map.remove();
        if (container !== host.current) container.remove();
    }

    const handle = { setUnits, setSelection, fitToUnits, setOverlay, setStatusTiles, setPlaceLayer: places.set, setEntryPoint, setEntryPicking, setSpots, dispose };

    // a started map moves to the element its component rendered: Leaflet's container (the surface) and the data
    // attributes (what is drawn, the view) go with it; from then on clicks reach the component
    function adopt(next, ref) {
        if (next !== host.current) {
            for (const [name, value] of Object.entries(host.current.dataset)) {
                if (!name.startsWith('start')) next.dataset[name] = value;
            }
            if (host.current.diabanTiles) next.diabanTiles = host.current.diabanTiles;
            next.appendChild(container);
            host.current = next;
            map.invalidateSize({ pan: false });
        }
        if (ref) {
            dotNet.ref = ref;
            mark('adopted');
        }
    }

    return { handle, adopt };
}

// ── Started before the circuit ──────────────────────────────────────────────────────────────────────────────────
// The national map's first paint should not wait for the Blazor circuit, the page's own queries and the module import
// that follow sign-in. MapPage's prerendered HTML carries what the server decided for the first view in data
// attributes (data-start-tiles: tile template with the data version; data-start-style: StatusTileStyle as JSON;
// data-start-key: the year; data-start-basemap / data-start-attribution: the background tiles), and js/mapStart.js
// calls startMap. Blazor then replaces the prerendered element with its own (same id): the map (on a surface inside
// the element) moves into it at once, and StatusMap's createMap on that element adopts it instead of making a new one.
const started = new Map(); // element id → the started map, until a createMap claims it

/** @param {HTMLElement} element  a prerendered map element with the data-start-* attributes */
export function startMap(element) {
    if (!element?.id || started.has(element.id) || !element.dataset.startTiles) return;
    // protomaps-leaflet (preloaded by the page) runs while the Leaflet map is made; a failure is reported by show()
    loadVectorTileLibrary().catch(() => {});
    const d = element.dataset;
    const surface = document.createElement('div');
    surface.className = 'map-surface';
    element.appendChild(surface);
    const early = makeMap(element, surface, { tileUrl: d.startBasemap || undefined, tileAttribution: d.startAttribution ?? '' }, null);
    early.path = location.pathname;
    let current = element;
    // Blazor swaps the prerendered page for the rendered one in one task: move the map before a frame is drawn
    const observer = new MutationObserver(() => {
        if (current.isConnected) return;
        const next = document.getElementById(element.id);
        if (!next || location.pathname !== early.path) return;
        current = next;
        early.adopt(next, null);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    early.stop = () => observer.disconnect();
    started.set(element.id, early);
    early.handle.setStatusTiles(d.startTiles, JSON.parse(d.startStyle ?? '{}'), d.startKey);
}

// ---------------------------------------------------------------------------------------------------------------------
// Point and line layers (issue 9): incidents (clustered when zoomed out), conditional businesses, key routes.
// Blazor (Components/Map/PlaceLayers.razor through StatusMap) hands each layer's GeoJSON (from /api/incidents,
// /api/businesses, /api/routes' queries) and a style: colours and every word shown come from the server. Popups are
// built as DOM nodes with textContent: imported sources, names and findings never go into the page as markup.
// ---------------------------------------------------------------------------------------------------------------------

const CLUSTER_JS = new URL('../lib/leaflet.markercluster/leaflet.markercluster-src.js', import.meta.url).href;
const CLUSTER_CSS = [
    new URL('../lib/leaflet.markercluster/MarkerCluster.css', import.meta.url).href,
    new URL('../lib/leaflet.markercluster/MarkerCluster.Default.css', import.meta.url).href,
];
let clusterLoaded = null;

// leaflet.markercluster is a classic (UMD) script that extends a global L. The ES module namespace is read-only, so the
// plugin gets a copy of it: the classes are the same objects, only the plugin's new names land on the copy.
function loadMarkerCluster() {
    if (clusterLoaded) return clusterLoaded;
    for (const href of CLUSTER_CSS) {
        if (document.querySelector(`link[href="${href}"]`)) continue;
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        document.head.appendChild(link);
    }
    if (!window.L) window.L = { ...L };
    clusterLoaded = new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = CLUSTER_JS;
        script.onload = () => resolve(window.L);
        script.onerror = () => reject(new Error('leaflet.markercluster did not load'));
        document.head.appendChild(script);
    });
    return clusterLoaded;
}

/** A popup body: a title and label/value rows, all as text. Rows with an empty value are left out. */
function placePopup(title, rows) {
    const box = document.createElement('div');
    box.className = 'place-popup';
    const h = document.createElement('strong');
    h.textContent = title == null ? '' : String(title);
    box.appendChild(h);
    const dl = document.createElement('dl');
    for (const [label, value] of rows) {
        if (value == null || value === '') continue;
        const dt = document.createElement('dt');
        dt.textContent = label == null ? '' : String(label);
        const dd = document.createElement('dd');
        dd.textContent = String(value);
        dl.append(dt, dd);
    }
    box.appendChild(dl);
    return box;
}

const word = (dict, code) => (dict && code != null && dict[code]) || code;

function incidentPopup(p, s) {
    const l = s.labels ?? {};
    return placePopup(word(s.kinds, p.kind), [
        [l.date, p.time ? `${p.date} ${p.time}` : p.date],
        [l.persons, p.persons],
        [l.source, word(s.sources, p.source)],
        [l.recordedBy, p.recordedBy],
        [l.commune, p.communeName],
    ]);
}

function businessPopup(p, s) {
    const l = s.labels ?? {};
    const last = p.lastInspection;
    return placePopup(p.name, [
        [l.kind, word(s.kinds, p.kind)],
        [l.state, p.open ? l.open : l.closed],
        [l.commune, p.communeName],
        [l.lastInspection, last ? `${last.date} (${word(s.inspectionKinds, last.kind)})` : l.never],
        [l.violations, last && last.violations?.length ? last.violations.map((v) => word(s.violations, v)).join('; ') : null],
        [l.findings, last?.findings],
    ]);
}

function routePopup(p, s) {
    const l = s.labels ?? {};
    return placePopup(p.name, [[l.kind, word(s.kinds, p.kind)], [l.buffer, `${p.bufferM} m`]]);
}

/** The three layers of one map; set(name, geojsonText|null, style, key) draws or removes one. */
function createPlaceLayers(map, element) {
    map.createPane('diaban-routes').style.zIndex = '440';
    map.createPane('diaban-points').style.zIndex = '460';
    const layers = {};
    const generation = {}; // per layer: a newer set() while the cluster plugin loads wins

    function remove(name) {
        layers[name]?.remove();
        delete layers[name];
        element.dataset[`${name}Count`] = '0';
    }

    function pointMarker(f, latlng, s, pane) {
        const p = f.properties;
        const closed = p.open === false;
        const marker = L.circleMarker(latlng, {
            pane, radius: s.radius ?? 6, weight: 1.5, color: closed ? '#555555' : '#ffffff', dashArray: closed ? '2 2' : null,
            fillColor: s.colours?.[p.kind] ?? '#d7301f', fillOpacity: closed ? 0.45 : 0.95,
        });
        marker.on('add', () => {
            const el = marker.getElement();
            if (el) { el.classList.add(`place-${s.layer}`); el.dataset.id = String(p.id); }
        });
        return marker;
    }

    /**
     * @param {'incidents'|'businesses'|'routes'} name
     * @param {string|null} geojsonText  null removes the layer
     * @param {{layer: string, colours?: Record<string,string>, labels?: Record<string,string>, kinds?: Record<string,string>,
     *          sources?: Record<string,string>, violations?: Record<string,string>, inspectionKinds?: Record<string,string>}} style
     * @param {string} [key]  what is drawn (the filter), written to data-{name}-key once drawn
     */
    async function set(name, geojsonText, style, key) {
        const mine = (generation[name] = (generation[name] ?? 0) + 1);
        remove(name);
        if (!geojsonText) return;
        const data = JSON.parse(geojsonText);
        const s = { ...(style ?? {}), layer: name };
        let layer;
        if (name === 'incidents') {
            const G = await loadMarkerCluster();
            if (generation[name] !== mine) return;
            // clustering needs a top zoom; without a basemap the map has none
            if (!Number.isFinite(map.getMaxZoom())) map.setMaxZoom(19);
            layer = G.markerClusterGroup({ maxClusterRadius: 45, showCoverageOnHover: false, disableClusteringAtZoom: 15, chunkedLoading: true });
            layer.addLayers(L.geoJSON(data, {
                pointToLayer: (f, latlng) => pointMarker(f, latlng, s, 'diaban-points'),
                // no autoPan: a pan re-clusters, which would take the marker (and its popup) off the map again
                onEachFeature: (f, l) => l.bindPopup(() => incidentPopup(f.properties, s), { autoPan: false }),
            }).getLayers());
        } else if (name === 'businesses') {
            layer = L.geoJSON(data, {
                pointToLayer: (f, latlng) => pointMarker(f, latlng, { ...s, radius: 5 }, 'diaban-points'),
                onEachFeature: (f, l) => l.bindPopup(() => businessPopup(f.properties, s)),
            });
        } else {
            layer = L.geoJSON(data, {
                pane: 'diaban-routes',
                style: (f) => ({ color: s.colours?.[f.properties.kind] ?? '#6a3d9a', weight: 4, opacity: 0.85, dashArray: '8 5' }),
                onEachFeature: (f, l) => {
                    l.bindPopup(() => routePopup(f.properties, s));
                    l.on('add', () => { const el = l.getElement(); if (el) el.classList.add('place-routes'); });
                },
            });
        }
        remove(name);
        layers[name] = layer.addTo(map);
        element.dataset[`${name}Count`] = String(data.features.length);
        element.dataset[`${name}Truncated`] = String(Boolean(data.truncated));
        element.dataset[`${name}Key`] = key ?? '';
    }

    function clear() {
        for (const name of Object.keys(layers)) remove(name);
    }

    return { set, clear };
}

// ---- Vector tiles (issue 12): the status layer of a large area (the country) drawn from /tiles on canvas ----------
// protomaps-leaflet (npm) draws Mapbox vector tiles into Leaflet grid tiles on <canvas>; its IIFE build reads the
// global L when a layer is made, so the module's Leaflet is lent to it. Colours, labels and texts come from the
// server (styleOptions); these functions only draw them.
const PROTOMAPS_JS = new URL('../lib/protomaps-leaflet/protomaps-leaflet.js', import.meta.url).href;
let vectorTileLibrary = null;

function loadVectorTileLibrary() {
    vectorTileLibrary ??= new Promise((resolve, reject) => {
        globalThis.L ??= L;
        const script = document.createElement('script');
        script.src = PROTOMAPS_JS;
        script.onload = () => resolve(globalThis.protomapsL);
        script.onerror = () => reject(new Error(`cannot load ${PROTOMAPS_JS}`));
        document.head.appendChild(script);
    });
    return vectorTileLibrary;
}

// the same diagonal hatch as the SVG pattern of the GeoJSON map, as a canvas pattern
function hatchCanvas(protomaps) {
    return protomaps.createPattern(7, 7, (canvas, ctx) => {
        ctx.strokeStyle = 'rgba(34, 34, 34, 0.45)';
        ctx.lineWidth = 1.4;
        ctx.beginPath();
        ctx.moveTo(0, 7);
        ctx.lineTo(7, 0);
        ctx.stroke();
    });
}

function fillTemplate(template, values) {
    return String(template ?? '').replace(/\{(\w+)\}/g, (_, k) => (values[k] == null ? '' : String(values[k])));
}

/**
 * The status tiles of one map: provinces (with their counts) at low zoom, pre-2025 districts (with their counts) at
 * the middle zooms when the server sends them, communes above, each filled by status.
 * @param {L.Map} map
 * @param {HTMLElement} element  gets data-tiles-key = "key@zoom" each time every visible tile is drawn
 * @param {(code: string) => void} onCommuneClicked
 */
function createStatusTiles(map, element, onCommuneClicked) {
    let layer = null;
    let style = {};
    let selectedCode = null;
    let tooltip = null;

    const fillOf = (props) => style.fills?.[props.status ?? ''] ?? style.fills?.[''] ?? '#bdbdbd';
    // statistics tiles (style.kind === 'statistics') carry the legend key of each commune or density cell
    const keyFill = (props) => style.fills?.[props.key ?? ''] ?? '#d9d9d9';
    const PICKED = ['communes', 'districts', 'provinces', 'statistics', 'density'];

    function rules(protomaps) {
        if (style.kind === 'statistics') {
            return [
                { dataLayer: 'statistics', symbolizer: new protomaps.PolygonSymbolizer({ fill: (z, f) => keyFill(f.props), opacity: 0.92 }) },
                { dataLayer: 'statistics', symbolizer: new protomaps.LineSymbolizer({ color: '#6a6a6a', width: (z) => (z >= 11 ? 0.8 : 0.3) }) },
                { dataLayer: 'statistics', symbolizer: new protomaps.LineSymbolizer({ color: '#000000', width: 3.5 }), filter: (z, f) => f.props.code === selectedCode },
                { dataLayer: 'density', symbolizer: new protomaps.PolygonSymbolizer({ fill: (z, f) => keyFill(f.props), opacity: 0.7 }) },
            ];
        }
        const hatch = hatchCanvas(protomaps);
        return [
            { dataLayer: 'provinces', symbolizer: new protomaps.PolygonSymbolizer({ fill: (z, f) => fillOf(f.props), opacity: 0.85 }) },
            { dataLayer: 'provinces', symbolizer: new protomaps.LineSymbolizer({ color: '#222222', width: 1.2 }) },
            { dataLayer: 'districts', symbolizer: new protomaps.PolygonSymbolizer({ fill: (z, f) => fillOf(f.props), opacity: 0.88 }) },
            { dataLayer: 'districts', symbolizer: new protomaps.LineSymbolizer({ color: '#2e2e2e', width: 0.8 }) },
            { dataLayer: 'communes', symbolizer: new protomaps.PolygonSymbolizer({ fill: (z, f) => fillOf(f.props), opacity: 0.92 }) },
            { dataLayer: 'communes', symbolizer: new protomaps.PolygonSymbolizer({ pattern: hatch, opacity: 1 }), filter: (z, f) => f.props.provisional === true },
            { dataLayer: 'communes', symbolizer: new protomaps.LineSymbolizer({ color: '#3a3a3a', width: (z) => (z >= 11 ? 0.8 : 0.4) }) },
            { dataLayer: 'communes', symbolizer: new protomaps.LineSymbolizer({ color: '#3a3a3a', width: 2.2 }), filter: (z, f) => f.props.official === true },
            { dataLayer: 'communes', symbolizer: new protomaps.LineSymbolizer({ color: '#000000', width: 3.5 }), filter: (z, f) => f.props.code === selectedCode },
        ];
    }

    // what lies under a point of the map: the commune (or province) the tiles drew there
    function featureAt(latlng) {
        if (!layer) return null;
        for (const picked of layer.queryTileFeaturesDebug(latlng.lng, latlng.lat).values()) {
            for (const p of picked) {
                if (PICKED.includes(p.layerName)) return { layer: p.layerName, props: p.feature.props };
            }
        }
        return null;
    }

    function tooltipText(hit) {
        if (hit.layer === 'statistics' || hit.layer === 'density') {
            return fillTemplate(style.communeTooltip, { name: hit.props.name, label: style.labels?.[hit.props.key ?? ''] ?? '' });
        }
        if (hit.layer === 'communes') {
            return fillTemplate(style.communeTooltip, { name: hit.props.name, status: style.labels?.[hit.props.status ?? ''] ?? '', mark: hit.props.provisional ? ' *' : '' });
        }
        if (hit.layer === 'districts') {
            return fillTemplate(style.districtTooltip, {
                name: hit.props.name, province: hit.props.province ?? '', assessed: hit.props.assessed, total: hit.props.total,
                status: style.labels?.[hit.props.status ?? ''] ?? '', shares: sharesText(hit.props),
            });
        }
        return fillTemplate(style.provinceTooltip, {
            name: hit.props.name, assessed: hit.props.assessed, total: hit.props.total, status: style.labels?.[hit.props.status ?? ''] ?? '',
        });
    }

    // "label n (p %)" for each status with communes: counts n_{code} of the tile, shares of the assessed communes
    function sharesText(props) {
        const assessed = Number(props.assessed) || 0;
        return Object.keys(props).filter((k) => k.startsWith('n_') && Number(props[k]) > 0)
            .map((k) => ({ code: k.slice(2), n: Number(props[k]) }))
            .sort((a, b) => b.n - a.n)
            .map((s) => `${style.labels?.[s.code] ?? s.code} ${s.n} (${assessed > 0 ? Math.round((100 * s.n) / assessed) : 0} %)`)
            .join('; ');
    }

    const onClick = (e) => {
        const hit = featureAt(e.latlng);
        if (hit?.layer === 'communes' || hit?.layer === 'statistics') onCommuneClicked(hit.props.code);
        else if (hit?.layer === 'provinces' || hit?.layer === 'districts') map.setView(e.latlng, Math.max(map.getZoom() + 2, (style.communesFromZoom ?? 9) + 0.5));
    };
    const onMove = (e) => {
        const hit = featureAt(e.latlng);
        if (!hit) { tooltip?.remove(); tooltip = null; return; }
        tooltip ??= L.tooltip({ direction: 'top', offset: [0, -8] });
        tooltip.setLatLng(e.latlng).setContent(textElement(tooltipText(hit)));
        if (!map.hasLayer(tooltip)) tooltip.addTo(map);
    };

    /**
     * @param {string} url  tile template with {z}/{x}/{y} (e.g. /tiles/status/{z}/{x}/{y}.mvt?year=2024)
     * @param {{fills: Record<string,string>, labels: Record<string,string>, communeTooltip: string, provinceTooltip: string, districtTooltip?: string,
     *          communesFromZoom: number, bounds?: number[], kind?: string}} styleOptions  bounds = [west, south, east, north] to fit once;
     *          kind 'statistics': a statistics layer (hot spots, clusters, emerging, density), filled by each feature's legend key
     * @param {string} key  what is drawn (the year), written to data-units-key
     */
    async function show(url, styleOptions, key) {
        mark('tiles-asked');
        const protomaps = await loadVectorTileLibrary();
        mark('tiles-library');
        style = styleOptions ?? {};
        clear();
        layer = protomaps.leafletLayer({
            sources: { diaban: { url, levelDiff: 1, maxDataZoom: 16 } },
            paintRules: rules(protomaps).map((r) => ({ dataSource: 'diaban', ...r })),
            labelRules: [],
            attribution: '',
            tileDelay: 0,
        });
        let drawn = 0;
        layer.on('tileload', () => { if (drawn++ === 0) mark('first-tile-drawn'); });
        layer.on('load', () => { mark('tiles-drawn'); element.dataset.tilesKey = `${key ?? ''}@${Math.round(map.getZoom())}`; });
        const b = style.bounds;
        if (b?.length === 4 && !element.dataset.tilesFitted) {
            map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [12, 12], animate: false });
            element.dataset.tilesFitted = 'true';
        }
        layer.addTo(map);
        map.on('click', onClick);
        map.on('mousemove', onMove);
        element.dataset.tiles = url;
        element.dataset.unitsKey = key ?? '';
        // for browser tests and devtools: move the view, and ask what the tiles drew at a place and where it is on screen
        element.diabanTiles = {
            setView: (lat, lng, zoom) => map.setView([lat, lng], zoom, { animate: false }),
            featureAt: (lat, lng) => featureAt(L.latLng(lat, lng)),
            pointOf: (lat, lng) => map.latLngToContainerPoint([lat, lng]),
        };
    }

    function select(code) {
        selectedCode = code ?? null;
        layer?.rerenderTiles();
    }

    function clear() {
        map.off('click', onClick);
        map.off('mousemove', onMove);
        tooltip?.remove();
        tooltip = null;
        layer?.remove();
        layer = null;
        delete element.dataset.tiles;
        delete element.dataset.tilesKey;
        delete element.diabanTiles;
    }

    return { show, select, clear, isShown: () => layer !== null };
}
