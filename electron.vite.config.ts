import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve, sep } from 'node:path'

const TOOLS = resolve(__dirname, 'tools') + sep
/** A chunk whose entry module is in tools/ (only the `--demo` dynamic import creates one). */
const isDemo = (id: string | null): boolean => id !== null && resolve(id).startsWith(TOOLS)

export default defineConfig({
  // Vite 8 / electron-vite 6 name it `rolldownOptions` (`rollupOptions` is the deprecated alias).
  main: {
    build: {
      // Dependencies stay in node_modules, except chinese-days: it is imported as a .json module,
      // which Node's ESM loader refuses without an import attribute, so its data is bundled instead.
      externalizeDeps: { exclude: ['chinese-days'] },
      rolldownOptions: {
        // Worker threads load their own entries: the desk's core (src/main/host/desk-host.ts) out/main/desk-worker.js,
        // the letter pool (src/main/core/documents/letter-pool.ts) out/main/letter-worker.js.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'desk-worker': resolve(__dirname, 'src/main/host/desk-worker.ts'),
          'letter-worker': resolve(__dirname, 'src/main/core/documents/letter-worker.ts')
        },
        // `--demo` imports tools/demo dynamically: everything only the demo uses (its generator, jpeg-js,
        // the demo accounts) lands in out/main/demo/, which the installer leaves out (electron-builder.yml).
        output: { chunkFileNames: (chunk) => (isDemo(chunk.facadeModuleId) ? 'demo/[name]-[hash].js' : 'chunks/[name]-[hash].js') }
      }
    }
  },
  // A sandboxed preload must be one CommonJS file requiring nothing but 'electron': bundle every
  // dependency, and name it .cjs because package.json has "type": "module" (window.ts loads index.cjs).
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } },
    plugins: [react()]
  }
})
