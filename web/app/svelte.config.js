import adapter from '@sveltejs/adapter-node';

/** SvelteKit for the dashboard and the portal, built to a Node handler that the Fastify server mounts. */
export default {
  kit: {
    adapter: adapter({ out: 'build' }),
    csrf: { trustedOrigins: ['*'] },
  },
};
