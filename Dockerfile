# The API and the worker share one image; docker-compose.yml picks the command.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.js scripts/
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/generated ./generated
COPY . .
# The web application the API serves (api/web/static.ts); Vite is in the installed dev dependencies.
RUN npm run --silent web:build
# The worker's workflow bundle, built once into the image (node_modules/.cache): workers start without webpack.
RUN node --import tsx scripts/bundle-workflows.ts
USER node
EXPOSE 3000
# Default: the API. The worker service overrides the command.
CMD ["node", "--import", "tsx", "api/main.ts"]
