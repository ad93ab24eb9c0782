/*
 * The site's one style sheet (static/mdplan.css): no inline styles
 * anywhere, so a CSP can forbid them. Split in literals of their own (C
 * promises only 4095 bytes in one).
 */
#include "internal.h"

#define CSS_BASE \
	":root{--ink:#1a1a1a;--muted:#4d4d4d;--line:#b3b3b3;--accent:#0b4f8a;" \
	"--bg:#fff;--soft:#f2f5f8;--lead:#8a3b00}\n" \
	"*{box-sizing:border-box}\n" \
	"html{-webkit-text-size-adjust:100%}\n" \
	"body{margin:0;color:var(--ink);background:var(--bg);line-height:1.7;" \
	"font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",Meiryo,sans-serif;" \
	"font-size:1rem}\n" \
	"a{color:var(--accent)}a:focus-visible,summary:focus-visible{outline:3px solid #f5a300;" \
	"outline-offset:2px}\n" \
	".skip{position:absolute;left:-999em}.skip:focus{left:1rem;top:1rem;background:#fff;" \
	"padding:.5rem;z-index:9}\n" \
	".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);" \
	"white-space:nowrap}\n" \
	"header.site{background:var(--accent);color:#fff;padding:.5rem 1rem;display:flex;" \
	"flex-wrap:wrap;gap:.5rem 2rem;align-items:center}\n" \
	"header.site a{color:#fff}.brand{margin:0;font-weight:bold}\n" \
	"header.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}\n" \
	".crumbs ol{list-style:none;margin:0;padding:.5rem 1rem;display:flex;flex-wrap:wrap;" \
	"font-size:.9rem;background:var(--soft)}\n" \
	".crumbs li+li::before{content:\"›\";padding:0 .5em;color:var(--muted)}\n" \
	"main{max-width:72rem;margin:0 auto;padding:1rem}\n" \
	"h1{font-size:1.5rem;line-height:1.4}h2{font-size:1.25rem;border-bottom:2px solid " \
	"var(--accent);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem}\n" \
	"table{border-collapse:collapse;width:100%;margin:1rem 0}\n" \
	"th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;" \
	"vertical-align:top}\n" \
	"thead th{background:var(--soft)}td.n,th.n{text-align:right}td.n{white-space:nowrap}\n" \
	"col.c-item{width:34%}col.c-text{width:33%}\n" \
	"tr.vision th{background:var(--accent);color:#fff}tr.goal th{background:var(--soft)}\n" \
	"td p,td ul{margin:0 0 .4rem}td ul{padding-left:1.2rem}\n" \
	".bh{font-weight:bold}.none{color:var(--muted)}\n" \
	".min{display:inline-block;border:1px solid var(--line);border-radius:3px;" \
	"padding:0 .3em;margin-right:.2em;font-size:.9rem}\n" \
	".min.lead{border-color:var(--lead);color:var(--lead);font-weight:bold}\n" \
	".state{font-size:.85rem;padding:0 .4em;border-radius:3px;white-space:nowrap}\n" \
	".state.done{background:#e3f1e3;color:#1b4d1b}.state.partial{background:#fff4d6;" \
	"color:#5c4200}.state.missing{background:#f6e0e0;color:#6e1414}\n" \
	".item{border-left:4px solid var(--line);padding:.2rem 0 .2rem .8rem;margin:1rem 0}\n" \
	".cmp{display:grid;grid-template-columns:1fr 1fr;gap:1rem}\n" \
	".cmp>section{border:1px solid var(--line);padding:.6rem;border-radius:4px}\n" \
	".cmp h3{margin-top:0}\n" \
	"del{background:#fbe0e0;color:#6e1414}ins{background:#dff3df;color:#1b4d1b;" \
	"text-decoration:underline}\n" \
	".meta{color:var(--muted);font-size:.9rem}\n" \
	".diff p{white-space:pre-line}\n" \
	"del::before,del::after,ins::before,ins::after{position:absolute;clip-path:inset(100%);" \
	"clip:rect(1px,1px,1px,1px);width:1px;height:1px;overflow:hidden;white-space:nowrap}\n" \
	"del::before{content:\" [削除] \"}del::after{content:\" [削除ここまで] \"}" \
	"ins::before{content:\" [追加] \"}ins::after{content:\" [追加ここまで] \"}\n" \
	":lang(en) del::before{content:\" [deleted] \"}:lang(en) del::after{content:\" [end deleted] \"}" \
	":lang(en) ins::before{content:\" [added] \"}:lang(en) ins::after{content:\" [end added] \"}\n" \
	".dl li{margin:.3rem 0}\n" \
	"footer.site{border-top:1px solid var(--line);margin-top:2rem;padding:1rem;" \
	"font-size:.85rem;color:var(--muted)}\n" \
	"@media (max-width:40rem){.cmp{grid-template-columns:1fr}" \
	"table.fy thead{position:absolute;left:-999em}table.fy colgroup{display:none}" \
	"table.fy,table.fy tbody,table.fy tr,table.fy td,table.fy th{display:block;width:100%}" \
	"table.fy td::before{content:attr(data-label);display:block;font-weight:bold;" \
	"color:var(--muted)}}\n" \
	"@page{size:A4;margin:12mm}\n" \
	"@page landscape{size:A4 landscape;margin:10mm}\n" \
	"@media print{header.site,.crumbs,.skip,footer.site,.noprint,form.search," \
	"nav.pages{display:none}" \
	"body{font-size:9pt;line-height:1.45}main{max-width:none;padding:0}" \
	"a{color:inherit;text-decoration:none}" \
	"main:has(.print-landscape){page:landscape}" \
	"table.fy{font-size:8pt}table.fy thead{display:table-header-group}" \
	"table.fy tr{break-inside:avoid}h2{break-after:avoid}" \
	"tr.vision th{background:#ddd!important;color:#000}}\n"

/* every screen: long words and codes break rather than widen the page,
 * form controls stay inside it; the header's search box; the year
 * table's contents and its links to the ministries' tables */
#define CSS_LAYOUT \
	".scroll{overflow-x:auto;max-width:100%}.scroll:focus-visible{outline:3px solid #f5a300;" \
	"outline-offset:2px}.scroll>table{margin:.2rem 0}\n" \
	"td code,td .src,dd{overflow-wrap:anywhere}main{overflow-wrap:break-word}" \
	"select,input,button{max-width:100%}\n" \
	"main form .field{margin:.7rem 0}main form .field label{display:block;font-weight:bold}" \
	"main form .field input{font:inherit;padding:.3rem;width:min(24rem,100%)}" \
	"main form .field textarea{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}" \
	"main form .help{font-size:.85rem;color:var(--muted);margin:.2rem 0}" \
	"main form[method=post] button{font:inherit;padding:.3rem 1rem}\n" \
	"form.site-search{display:flex;gap:.3rem;align-items:center;margin:0 0 0 auto;" \
	"max-width:100%}form.site-search .field{display:flex;gap:.4rem;align-items:center;" \
	"flex:1 1 auto;min-width:0}form.site-search label{white-space:nowrap}" \
	"form.site-search input{font:inherit;padding:.15rem .3rem;width:12rem;min-width:0;" \
	"flex:1 1 auto;border:1px solid #fff}" \
	"form.site-search button{font:inherit;padding:.15rem .7rem;background:#fff;flex:none;" \
	"color:var(--accent);border:0;border-radius:3px}\n" \
	"nav.toc ol{list-style:none;margin:.2rem 0;padding-left:1.2rem}nav.toc>ol{padding:0}" \
	"nav.toc>ol>li{margin:.3rem 0}thead th.n{min-width:2.8em}" \
	"nav.toc h2,nav.by-ministry h2{font-size:1.05rem;border:0;margin:1rem 0 .2rem}" \
	"nav.by-ministry ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;" \
	"gap:.2rem 1.2rem}\n" \
	"tr.see-above td{color:var(--muted)}\n" \
	"@media (max-width:40rem){td .status,td .state,th .state{white-space:normal}" \
	"th,td{padding:.3rem .35rem}}\n"

/* indicators: status badges (the class is the status code), the
 * scorecard, the chart and its inputs; colour is never the only cue, the
 * label is always written */
#define CSS_KPI \
	".status{display:inline-block;font-size:.85rem;padding:0 .45em;border-radius:3px;" \
	"border:1px solid transparent;white-space:nowrap}\n" \
	".status.achieved{background:#0b5d1e;color:#fff}" \
	".status.on_track{background:#dff3df;color:#0b4a17;border-color:#6fb07a}" \
	".status.needs_acceleration{background:#fff4d6;color:#5c4200;border-color:#d9b44a}" \
	".status.limited_progress{background:#fde6d2;color:#6b3300;border-color:#e09a5b}" \
	".status.deteriorating{background:#f6e0e0;color:#6e1414;border-color:#d07a7a}" \
	".status.no_target{background:#eef1f4;color:#333;border-color:#b3b3b3}" \
	".status.not_enough_data{background:#fff;color:#4d4d4d;border:1px dashed #808080}\n" \
	"table.scorecard th,table.scorecard td{font-size:.9rem}" \
	"table.scorecard tbody th{min-width:min(14rem,40vw)}th .status{white-space:normal}" \
	"table.scorecard td.zero{color:#8a8a8a}" \
	"table.scorecard td.achieved,table.scorecard td.on_track{font-weight:bold}\n" \
	"caption{text-align:left;font-weight:bold;padding:.3rem 0}\n" \
	"figure.chart{margin:1rem 0;max-width:100%;overflow-x:auto}" \
	"figure.chart svg{max-width:100%;height:auto;border:1px solid var(--line)}\n" \
	"figcaption{font-size:.85rem;color:var(--muted)}\n" \
	"section.hubs td,section.hubs thead th{min-width:4.5em}" \
	"section.hubs td:last-child{min-width:14em}\n" \
	"dl.def{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}" \
	"dl.def dt{font-weight:bold}dl.def dd{margin:0}\n" \
	"table.inputs th{width:38%;font-weight:normal;background:var(--soft)}" \
	".src{font-size:.85rem;word-break:break-all}td.na{color:var(--muted)}\n" \
	"@media print{figure.chart svg{border:0}.status{border:1px solid #000!important;" \
	"background:#fff!important;color:#000!important}}\n"

#define CSS_SEARCH \
	"form.search{background:var(--soft);padding:.6rem 1rem;border-radius:4px}\n" \
	"form.search p{margin:.4rem 0}form.search label{font-weight:bold;margin-right:.3rem;" \
	"white-space:nowrap}\n" \
	"form.search input[type=search]{width:min(28rem,100%);font:inherit;padding:.3rem;" \
	"border:1px solid var(--muted)}\n" \
	"form.search select,form.search button{font:inherit;padding:.25rem .4rem;" \
	"margin-right:1rem}\n" \
	"form.search button{background:var(--accent);color:#fff;border:0;border-radius:3px;" \
	"padding:.3rem 1rem}\n" \
	".help{color:var(--muted);font-size:.85rem}\n" \
	"ol.hits{padding-left:1.5rem}ol.hits>li{margin:1rem 0}\n" \
	"ol.hits h2{font-size:1.05rem;border:0;margin:0;padding:0}\n" \
	".snip{margin:.2rem 0}.snip .field{font-size:.85rem;color:var(--muted);" \
	"border:1px solid var(--line);border-radius:3px;padding:0 .3em}\n" \
	"mark{background:#ffe98a;color:#000;font-weight:bold}\n" \
	"nav.pages ul{list-style:none;display:flex;gap:1rem;padding:0}\n"

/* provenance, staff details, notices, reporting status */
#define CSS_PUBLIC \
	"details.staff{margin:2rem 0 0;border:1px dashed var(--line);padding:.4rem .8rem;" \
	"border-radius:4px;font-size:.9rem}details.staff summary{cursor:pointer;color:var(--muted)}\n" \
	"details.staff code{word-break:break-all}" \
	"details.staff dl.def{display:block}details.staff dt{margin-top:.4rem}" \
	"details.staff dd{margin:0 0 .2rem 1rem}\n" \
	".notice{background:#fff4d6;border-left:4px solid #d9b44a;padding:.6rem .8rem}\n" \
	".stale{display:inline-block;font-size:.8rem;padding:0 .4em;border-radius:3px;" \
	"border:1px solid #d9b44a;background:#fff4d6;color:#5c4200;white-space:nowrap}\n" \
	"ol.refs{font-size:.9rem}table.sources th{font-weight:normal}" \
	"table.sources td{overflow-wrap:anywhere}\n" \
	/* a table whose cells stack on a phone, each with its column's name */ \
	"@media (max-width:40rem){table.stack thead{position:absolute;left:-999em}" \
	"table.stack tr,table.stack td,table.stack th{display:block;width:100%}" \
	"table.stack td::before{content:attr(data-label);display:block;font-weight:bold;" \
	"color:var(--muted)}}\n" \
	"footer.site p{margin:.3rem 0}\n" \
	/* an edition's SHA-256 breaks anywhere, a little smaller than text */ \
	"code.digest{font-size:.85em;word-break:break-all}\n" \
	"table.reporting td.items{font-size:.9rem}\n" \
	"@media print{details.staff{display:none}}\n"

/* the round's board (board.c): entry states (the label is always
 * written; colour is no cue of its own), flags, filters, counts */
#define CSS_BOARD \
	".state.draft{background:#eef1f4;color:#333;border:1px solid #b3b3b3}" \
	".state.submitted{background:#fff4d6;color:#5c4200;border:1px solid #d9b44a}" \
	".state.returned{background:#f6e0e0;color:#6e1414;border:1px solid #d07a7a}" \
	".state.accepted{background:#dff3df;color:#0b4a17;border:1px solid #6fb07a}\n" \
	".flag{font-size:.8rem;padding:0 .4em;border-radius:3px;white-space:nowrap;" \
	"border:1px dashed #6e1414;color:#6e1414}.flag.flagged{border-color:#5c4200;color:#5c4200}\n" \
	"form.filter fieldset{border:0;margin:0;padding:0;min-width:0}form.filter legend{font-weight:bold;" \
	"padding:0}form.filter .check{white-space:nowrap;margin-right:1rem}" \
	"form.filter input[type=checkbox]{width:1.1rem;height:1.1rem;vertical-align:middle}\n" \
	"nav.quick ul{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;" \
	"margin:.6rem 0}\n" \
	"table.board td.n a{display:inline-block;min-width:2em;text-align:right}" \
	"table.board tbody th{font-weight:normal}table.counts,table.goals{min-width:34rem}" \
	"table.goals tbody th{min-width:14rem}" \
	"table.board .zero{color:#8a8a8a}table.board tfoot th,table.board tfoot td{" \
	"font-weight:bold;border-top:2px solid var(--ink)}\n" \
	"table.entries th .text{display:block;font-weight:normal;font-size:.85rem;" \
	"color:var(--muted)}table.entries td{white-space:nowrap}\n" \
	"ul.attention{padding-left:1.2rem}ul.attention li{margin:.2rem 0}\n" \
	"dl.round{grid-template-columns:max-content 1fr}" \
	"main form[method=post] .field input{font:inherit;padding:.3rem;width:min(16rem,100%)}\n" \
	"@media (max-width:40rem){table.entries td{white-space:normal;border:0;padding:.1rem .5rem}" \
	"table.entries tr{border:1px solid var(--line);border-left:4px solid var(--accent);" \
	"margin:.5rem 0}table.entries th{border:0}" \
	"table.entries td::before{display:inline;margin-right:.6em}}\n" \
	"@media print{form.filter,nav.quick{display:none}.state,.flag{border:1px solid #000!important;" \
	"background:#fff!important;color:#000!important}table.board{font-size:8.5pt}" \
	"table.board tr{break-inside:avoid}}\n"
/* The signed-in user in the header, form messages (p.error: every page's
 * refusal and a field's error), my account and the administration pages. */
#define CSS_ACCOUNT \
	"nav.who{margin-left:auto}nav.who ul{align-items:center;gap:.3rem 1rem}nav.who form{margin:0;display:inline}" \
	"nav.who button{font:inherit;font-size:.9rem;padding:.1rem .6rem;background:#fff;" \
	"color:var(--accent);border:1px solid #fff;border-radius:3px;cursor:pointer}" \
	"nav.who a.me{font-weight:bold;overflow-wrap:anywhere}\n" \
	"p.error{border-left:4px solid #b00020;background:#fdecee;color:#a4000f;" \
	"padding:.4rem .8rem;font-weight:bold;margin:.2rem 0}p.done{border-left:4px solid #1b7a33;background:#e3f1e3;" \
	"color:#1b4d1b;padding:.4rem .8rem}\n" \
	"main form .field .error,main form .field [id$=-error]{color:#b00020}" \
	"main form [aria-invalid=true]{border:2px solid #b00020}\n" \
	"fieldset.checks{border:1px solid var(--line);border-radius:4px;margin:.7rem 0;" \
	"padding:.3rem .8rem;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem}" \
	"fieldset.checks legend{font-weight:bold;padding:0 .3rem}" \
	"fieldset.checks{min-width:0}label.check{max-width:100%}\n" \
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}" \
	"dl.facts dt{font-weight:bold}dl.facts dd{margin:0}\n" \
	"table.sessions{min-width:36rem}table.sessions td:nth-child(-n+2){white-space:nowrap}" \
	"table.sessions td.ua{font-size:.85rem;overflow-wrap:anywhere;min-width:12em}" \
	"table.sessions td form{margin:0}strong.this{font-size:.85rem;color:var(--lead);white-space:nowrap}\n" \
	"@media (max-width:40rem){table.sessions{min-width:0}" \
	"table.sessions td:nth-child(-n+2){white-space:normal}" \
	"table.sessions tr{border-bottom:2px solid var(--line)}}\n" \
	"table.audit{font-size:.9rem;min-width:60rem}table.audit td.t,table.audit code{white-space:nowrap}" \
	"table.audit pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:.85rem}" \
	"table.audit .change+.change{margin-top:.3rem}\n" \
	"form.audit{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}" \
	"form.audit .field{margin:.3rem 0}form.audit input{width:min(14rem,100%)}\n" \
	"nav.pages ul{list-style:none;display:flex;gap:1rem;padding:0}\n"
/* the secretariat's forms (indicator_edit.c): fieldsets, errors beside
 * their fields, a form per yearly value, what is stored beside what was
 * typed after a conflict */
#define CSS_FORMS \
	"main fieldset{border:1px solid var(--line);border-radius:4px;margin:1rem 0;" \
	"padding:.2rem 1rem .6rem;min-width:0}main legend{font-weight:bold;padding:0 .3rem}" \
	"main form .field textarea{font:inherit;padding:.3rem;width:min(40rem,100%);" \
	"box-sizing:border-box}main form .field select{font:inherit;padding:.3rem;" \
	"width:min(24rem,100%)}main form .field input{box-sizing:border-box}" \
	"main form .field .help{margin:.1rem 0;font-size:.85rem;color:var(--muted)}" \
	".field .error{color:#a4000f;font-weight:bold;margin:.2rem 0}" \
	".field.invalid input,.field.invalid textarea,.field.invalid select{" \
	"border:2px solid #a4000f}\n" \
	"ul.ivalues{list-style:none;padding:0}ul.ivalues>li{border:1px solid var(--line);" \
	"border-radius:4px;padding:.3rem .8rem;margin:.6rem 0}" \
	"ul.ivalues .field{margin:.3rem 0}ul.ivalues details{margin:.4rem 0}" \
	"ul.ivalues summary{cursor:pointer;color:var(--accent)}p.na{margin:.3rem 0}\n" \
	".conflict{background:#fff4d6;border-left:4px solid #d9b44a;padding:.4rem .8rem;" \
	"margin:.6rem 0}.conflict table{background:#fff}pre.typed{white-space:pre-wrap;" \
	"overflow-wrap:anywhere;margin:0;font:inherit}\n" \
	"p.edit-link a{display:inline-block;padding:.2rem .9rem;border:1px solid var(--accent);" \
	"border-radius:3px;text-decoration:none}table.history td{overflow-wrap:anywhere}" \
	"table.history td:first-child{white-space:nowrap;overflow-wrap:normal}" \
	"table.history td.when,table.history td.who,table.history td code{white-space:nowrap;" \
	"overflow-wrap:normal}@media (max-width:40rem){table.history tr{margin-bottom:.8rem}}\n"

int page_css(struct buf *out)
{
	struct html h;

	html_init(&h, out, 0);
	H_RAW(&h, CSS_BASE);
	H_RAW(&h, CSS_LAYOUT);
	H_RAW(&h, CSS_SEARCH);
	H_RAW(&h, CSS_KPI);
	H_RAW(&h, CSS_PUBLIC);
	H_RAW(&h, CSS_BOARD);
	H_RAW(&h, CSS_ACCOUNT);
	H_RAW(&h, CSS_FORMS);
	return html_error(&h);
}
