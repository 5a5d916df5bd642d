// app.js: the page's entry point (a placeholder until the frontend lands).
const status = document.getElementById('status');
fetch('/api/health').then((r) => r.json()).then((h) => {
	status.textContent = h.success ? `API ${h.data.status}, database ${h.data.database}` : h.message;
}).catch(() => { status.textContent = 'The API does not answer.'; });
