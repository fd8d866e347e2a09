# syntax=docker/dockerfile:1
#
# story-triage as a container: `docker build -t story-triage .`, then run it with APP_ID,
# PRIVATE_KEY (or PRIVATE_KEY_PATH to a mounted file) and WEBHOOK_SECRET; see the README.
# Node 24 is the current LTS line; the code itself also runs on Node 20.18 and later.
ARG NODE_VERSION=24

# ---- build: all dependencies, compile TypeScript to lib/ -------------------------------------
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/build-cli.mjs scripts/build-action.mjs ./scripts/
RUN npm run build

# ---- runtime: production dependencies and the compiled app only -------------------------------
FROM node:${NODE_VERSION}-slim AS runtime
# tini as PID 1 passes SIGTERM on to Node, so `docker stop` ends the app at once instead of
# waiting out the kill timeout (Node as PID 1 ignores signals it has no handler for).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/lib ./lib
# app.yml is read by Probot's registration flow only; it carries no secret.
COPY app.yml ./
# The official image's unprivileged user; nothing under /app needs to be writable.
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG once it listens. Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The README's start command (`npm start` runs the same), without npm in between.
CMD ["node", "node_modules/.bin/probot", "run", "./lib/index.js"]
